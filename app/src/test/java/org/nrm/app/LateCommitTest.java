package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;

/**
 * Two transactions write events of one case through different aggregates; the one holding the lower global index
 * commits last. The case view must apply both (the global index cannot serve as the idempotency guard).
 */
class LateCommitTest extends PlatformTest {

    @Test
    void an_event_committed_after_a_later_indexed_event_of_the_same_case_still_reaches_the_view() {
        String caseId = refer(referralOfAdult());
        assertThat(as("police").get("/api/cases/" + caseId).body().get("deadlineBreaches").asInt()).isZero();
        long lower = jdbc.queryForObject("SELECT nextval('domainevententry_globalindex_seq')", Long.class);
        long higher = jdbc.queryForObject("SELECT nextval('domainevententry_globalindex_seq')", Long.class);
        String now = Instant.now().toString();

        // the shelter's transaction commits first, with the higher index ...
        jdbc.update("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, "
                        + "eventidentifier, metadata, payload, payloadtype, timestamp) VALUES (?, ?, 0, 'Shelter', ?, ?, ?, "
                        + "'org.nrm.referral.api.PersonPlaced', ?)", higher, "late-shelter-" + caseId,
                UUID.randomUUID().toString(), "{\"actor\":\"shelter-provider\"}".getBytes(),
                ("{\"shelterId\":\"late-shelter\",\"caseId\":\"" + caseId + "\",\"placedAt\":\"" + now + "\"}").getBytes(),
                now);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                "late-shelter".equals(as("police").get("/api/cases/" + caseId).body().path("shelterId").asText()));

        // ... the case's own transaction, holding the lower index, commits afterwards
        jdbc.update("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type, "
                        + "eventidentifier, metadata, payload, payloadtype, timestamp) VALUES (?, ?, 1, 'ReferralCase', ?, "
                        + "?, ?, 'org.nrm.referral.api.DeadlineBreached', ?)", lower, caseId, UUID.randomUUID().toString(),
                "{\"actor\":\"system\"}".getBytes(), ("{\"caseId\":\"" + caseId + "\",\"taskKey\":\"reasonable-grounds-"
                        + "decision\",\"dueAt\":\"" + now + "\",\"recordedAt\":\"" + now + "\"}").getBytes(), now);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                as("police").get("/api/cases/" + caseId).body().get("deadlineBreaches").asInt() == 1);
        assertThat(as("police").get("/api/cases/" + caseId).body().get("shelterId").asText()).isEqualTo("late-shelter");
    }
}
