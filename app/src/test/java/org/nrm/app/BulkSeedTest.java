package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PlatformTest;
import org.nrm.bench.BulkSeed;

/**
 * The benchmark's bulk seeding ({@code bench}'s {@link BulkSeed}, its own JDBC, no platform code) writes what the
 * platform itself would: events in the store's format (personal data sealed under a key per person, chained by the
 * store's trigger, sequenced per case) that the projections build into closed cases and the history decrypts.
 */
class BulkSeedTest extends PlatformTest {

    @Test
    void seeded_cases_are_stored_as_the_platform_stores_them_and_build_into_closed_cases() throws Exception {
        long before = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
        int queueBefore = jdbc.queryForObject("SELECT count(*) FROM work_queue", Integer.class);

        // 30 cases over the last year, none recent enough to stay open: per 5 cases 3 + 3 + 2 + 4 + 4 events
        long events = new BulkSeed(jdbc.getDataSource(), BulkSeed.DEMO_MASTER_KEY)
                .seed(new BulkSeed.Settings(30, 1, 0, 2));

        assertThat(events).isEqualTo(96);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class)).isEqualTo(before + 96);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM work_queue", Integer.class)).isEqualTo(queueBefore);
        List<String> seeded = jdbc.queryForList("SELECT case_id FROM domainevententry WHERE "
                + "convert_from(metadata, 'UTF8')::jsonb ->> 'actor' = 'seed' GROUP BY case_id", String.class);
        assertThat(seeded).hasSize(30);
        String payloads = String.join("\n", jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM "
                + "domainevententry WHERE convert_from(metadata, 'UTF8')::jsonb ->> 'actor' = 'seed'", String.class));
        assertThat(payloads).contains("AES-256-GCM").doesNotContain("Seeded narrative");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(metadata, 'UTF8')"
                + "::jsonb ->> 'actor' = 'seed' AND convert_from(metadata, 'UTF8')::jsonb ->> 'hash' IS NULL",
                Integer.class)).isZero();

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM case_view WHERE stage = 'CLOSED' AND case_id = ANY (?)", Integer.class,
                (Object) seeded.toArray(String[]::new)) == 30);
        String referrer = jdbc.queryForObject("SELECT agency FROM case_involvement WHERE case_id = ?", String.class,
                seeded.get(0));
        String history = as(referrer).get("/api/cases/" + seeded.get(0) + "/history").body().toString();
        // the platform opens what the bench sealed: the key per person, wrapped by the master key, unwraps
        assertThat(history).contains("ReferralSubmitted").contains("CaseClosed").contains("Seeded")
                .doesNotContain("[erased]");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key WHERE subject_id = ANY (?) "
                + "AND wrapped_key IS NOT NULL", Integer.class, (Object) seeded.toArray(String[]::new))).isEqualTo(30);
    }

    @Test
    void every_event_of_a_case_aggregate_belongs_to_the_case_its_aggregate_is() {
        // the case views' sequencing relies on it: it sequences a case's own events by their aggregate identifier
        refer(referralOfAdult());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE type = 'ReferralCase'",
                Integer.class)).isPositive();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE type = 'ReferralCase' "
                + "AND case_id IS DISTINCT FROM aggregateidentifier", Integer.class)).isZero();
    }
}
