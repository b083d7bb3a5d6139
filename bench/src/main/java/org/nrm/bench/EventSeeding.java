package org.nrm.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Events in bulk for the rebuild at scale, with the bench's own JDBC (never the platform's code): cases of a
 * referral's usual paths (closed after a negative decision, withdrawn, or through the recovery period to closure, or
 * still open), as the platform would have stored them (Jackson's JSON of the domain's events, every personal value a
 * sealed envelope, the who-did-it metadata), copied into {@code domainevententry} (the store's triggers derive each
 * row's {@code case_id} and chain its hash, as on every append). The sealed values are random bytes under no key:
 * anything that tried to decrypt them during a rebuild would fail. Run with the platform stopped; the case views'
 * processor is then handed a token at the new head, so the platform starts without replaying what was seeded: the
 * rebuild that follows does.
 */
final class EventSeeding {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TYPES = {"SEXUAL", "FORCED_LABOUR", "FORCED_CRIMINALITY", "DOMESTIC_SERVITUDE"};
    private static final String[] CITIZENSHIPS = {"VN", "AL", "RO", "NG", "ER", "GB"};

    private final Random random = new Random(19);
    private final long run = System.nanoTime();
    private long cases;

    /** Copies about {@code events} events in chunks of {@code chunk} cases per transaction; returns events written. */
    long seed(Connection c, long events, int chunk) throws SQLException, IOException {
        c.setAutoCommit(false);
        var copy = c.unwrap(PGConnection.class).getCopyAPI();
        long written = 0;
        Instant start = Instant.parse("2017-01-01T00:00:00Z");
        long span = Duration.ofDays(3650).toSeconds();
        while (written < events) {
            StringBuilder rows = new StringBuilder(chunk * 4 * 900);
            for (int i = 0; i < chunk && written < events; i++) {
                Instant referredAt = start.plusSeconds((long) (random.nextDouble() * span));
                written += oneCase(rows, referredAt);
            }
            copy.copyIn("COPY domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata, "
                    + "payload, payloadtype, timestamp) FROM STDIN", new StringReader(rows.toString()));
            c.commit();
        }
        return written;
    }

    /** Gives the case views' processor (every segment) a token at the store's head; returns the head. */
    static long tokenAtHead(Connection c) throws SQLException, IOException {
        long head;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT max(globalindex) FROM domainevententry")) {
            rs.next();
            head = rs.getLong(1);
        }
        ObjectNode token = JSON.createObjectNode().put("index", head);
        token.putArray("gaps");
        try (var update = c.prepareStatement("UPDATE tokenentry SET token = ?, "
                + "tokentype = 'org.axonframework.eventhandling.GapAwareTrackingToken', owner = NULL "
                + "WHERE processorname = 'case-views'")) {
            update.setBytes(1, JSON.writeValueAsBytes(token));
            if (update.executeUpdate() == 0) {
                throw new IllegalStateException("no token of the case views: start the platform once first");
            }
        }
        c.commit();
        return head;
    }

    private int oneCase(StringBuilder rows, Instant referredAt) throws IOException {
        String caseId = new UUID(run, cases++).toString();
        int path = (int) (cases % 10);
        Instant decidedAt = referredAt.plus(Duration.ofDays(5 + random.nextInt(40)));
        var referral = JSON.createObjectNode().put("caseId", caseId)
                .put("reference", "NRM-B-%09d".formatted(cases)).put("referringAgency", "police");
        referral.set("person", sealed(caseId, 120));
        var profile = referral.putObject("profile").put("gender", cases % 3 == 0 ? "MALE" : "FEMALE")
                .put("ageGroup", cases % 7 == 0 ? "CHILD" : "ADULT").put("ageUncertain", false);
        profile.putArray("citizenships").add(CITIZENSHIPS[(int) (cases % CITIZENSHIPS.length)]);
        profile.putArray("languages").add("eng");
        var exploitation = referral.putObject("exploitation");
        exploitation.putArray("types").add(TYPES[(int) (cases % TYPES.length)]);
        exploitation.put("location", "DOMESTIC");
        exploitation.putArray("indicators").add("DEBT_BONDAGE");
        referral.put("presumedChild", cases % 7 == 0).put("foreignNational", cases % 6 != 5)
                .put("needsAccommodation", cases % 2 == 0).put("referredAt", referredAt.toString())
                .put("reasonableGroundsDueAt", referredAt.plus(Duration.ofDays(7)).toString())
                .put("consentToReferral", true);
        int sequence = 0;
        append(rows, caseId, sequence++, "ReferralSubmitted", referral, referredAt);
        if (path == 9) {
            return sequence; // still awaiting the reasonable-grounds decision
        }
        if (path <= 1) { // negative, closed after the reconsideration window
            var negative = JSON.createObjectNode().put("caseId", caseId).put("outcome", "NEGATIVE");
            negative.set("reasons", sealed(caseId, 60));
            negative.put("decidedAt", decidedAt.toString())
                    .put("reconsiderationWindowEndsAt", decidedAt.plus(Duration.ofDays(30)).toString());
            append(rows, caseId, sequence++, "ReasonableGroundsDecided", negative, decidedAt);
            append(rows, caseId, sequence++, "CaseClosed", closure(caseId, "NEGATIVE_DECISION",
                    decidedAt.plus(Duration.ofDays(31))), decidedAt.plus(Duration.ofDays(31)));
            return sequence;
        }
        if (path == 2) { // withdrawn
            append(rows, caseId, sequence++, "CaseClosed", closure(caseId, "WITHDRAWN", decidedAt), decidedAt);
            return sequence;
        }
        var positive = JSON.createObjectNode().put("caseId", caseId).put("outcome", "POSITIVE");
        positive.set("reasons", sealed(caseId, 60));
        positive.put("decidedAt", decidedAt.toString()).putNull("reconsiderationWindowEndsAt");
        append(rows, caseId, sequence++, "ReasonableGroundsDecided", positive, decidedAt);
        Instant minimumEnds = decidedAt.plus(Duration.ofDays(30));
        append(rows, caseId, sequence++, "RecoveryPeriodStarted", JSON.createObjectNode().put("caseId", caseId)
                .put("startedAt", decidedAt.toString()).put("minimumEndsAt", minimumEnds.toString()), decidedAt);
        Instant closedAt = minimumEnds.plus(Duration.ofDays(random.nextInt(200)));
        append(rows, caseId, sequence++, "CaseClosed", closure(caseId, path % 2 == 0 ? "INTEGRATED" : "RETURNED",
                closedAt), closedAt);
        return sequence;
    }

    private ObjectNode closure(String caseId, String category, Instant at) {
        var closed = JSON.createObjectNode().put("caseId", caseId).put("category", category);
        closed.set("reason", sealed(caseId, 40));
        return closed.put("closedAt", at.toString());
    }

    /** A sealed personal value as the platform stores it, its ciphertext random bytes under no key. */
    private ObjectNode sealed(String subject, int bytes) {
        byte[] iv = new byte[12];
        byte[] data = new byte[bytes];
        random.nextBytes(iv);
        random.nextBytes(data);
        return JSON.createObjectNode().put("subject", subject).put("alg", "AES-256-GCM").put("kid", "bench")
                .put("iv", Base64.getEncoder().encodeToString(iv))
                .put("data", Base64.getEncoder().encodeToString(data));
    }

    private void append(StringBuilder rows, String caseId, int sequence, String type, ObjectNode payload, Instant at)
            throws IOException {
        byte[] json = JSON.writeValueAsBytes(payload);
        rows.append(caseId).append('\t').append(sequence).append("\tReferralCase\t").append(UUID.randomUUID())
                .append("\t\\\\x").append(HexFormat.of().formatHex(
                        "{\"actor\":\"bench\",\"agency\":\"police\"}".getBytes(StandardCharsets.UTF_8)))
                .append("\t\\\\x").append(HexFormat.of().formatHex(json))
                .append("\torg.nrm.referral.api.").append(type).append('\t').append(at).append('\n');
    }
}
