package org.nrm.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Cases brought to the stage a test needs, over the public API as the demo users (shared by the access matrices and
 * {@code EveryWriteIdempotencyTest}): referred, decided, closed, a permit granted, a person placed in a shelter.
 * Every step asserts its success, so a fixture that no longer reaches its stage fails where it stops.
 */
public final class CaseFixtures {

    private final int port;

    public CaseFixtures(int port) {
        this.port = port;
    }

    public Api as(String user) {
        return new Api(port, user);
    }

    /** A consenting foreign adult, as the public contract's example. */
    public static Map<String, Object> adult() {
        return Map.of(
                "person", Map.of("givenName", "Lan", "familyName", "Nguyen", "birthDate", "1990-03-01",
                        "ageUncertain", false, "gender", "FEMALE", "citizenships", List.of("VN"),
                        "languages", List.of("vie")),
                "exploitationTypes", List.of("SEXUAL", "FORCED_LABOUR"),
                "exploitationLocation", "DOMESTIC",
                "indicators", List.of("DEBT_BONDAGE", "DOCUMENTS_WITHHELD"),
                "consentToReferral", true,
                "needsAccommodation", true,
                "narrative", "Found at a nail bar after a tip-off");
    }

    /** A child of 14, referred with consent: child services appoint a guardian. */
    public static Map<String, Object> child() {
        Map<String, Object> referral = new LinkedHashMap<>(adult());
        referral.put("person", Map.of("givenName", "Mai", "familyName", "Tran",
                "birthDate", LocalDate.now().minusYears(14).toString(), "ageUncertain", false,
                "gender", "FEMALE", "citizenships", List.of("VN"), "languages", List.of("vie")));
        return referral;
    }

    /** An adult who does not consent: an anonymous notification, a case once the person consents. */
    public static Map<String, Object> notification() {
        Map<String, Object> referral = new HashMap<>(adult());
        referral.put("consentToReferral", false);
        referral.put("person", Map.of("gender", "FEMALE", "birthDate", "1990-03-01", "ageUncertain", false,
                "citizenships", List.of("VN")));
        return referral;
    }

    /** Refers the person as {@code user} and returns the new case id. */
    public String refer(String user, Map<String, Object> body) {
        Api.Response response = as(user).post("/api/referrals", body);
        assertThat(response.status()).as("referral by " + user + ": " + response).isEqualTo(201);
        return response.body().get("caseId").asText();
    }

    /** Waits until the user's queue holds a task {@code key} for the case, and returns its id. */
    public String awaitTask(String user, String caseId, String key) {
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            for (JsonNode task : as(user).get("/api/tasks?caseId=" + caseId).body()) {
                if (key.equals(task.get("key").asText())) {
                    return task.get("taskId").asText();
                }
            }
            return null;
        }, Objects::nonNull);
    }

    /** Completes the case's task {@code key} as {@code user}. */
    public void decide(String user, String caseId, String key, Map<String, Object> body) {
        String taskId = awaitTask(user, caseId, key);
        Api.Response response = as(user).post("/api/tasks/" + taskId + "/complete", body);
        assertThat(response.status()).as(key + ": " + response).isEqualTo(204);
    }

    /** Referred by police, awaiting the reasonable-grounds decision (the task is in the queue). */
    public String referred() {
        String caseId = refer("police", adult());
        awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        return caseId;
    }

    /** Referred by police with a positive reasonable-grounds decision: in its recovery period. */
    public String positive() {
        String caseId = refer("police", adult());
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
        return caseId;
    }

    /** Referred by police with a negative reasonable-grounds decision: open to a reconsideration. */
    public String negative() {
        String caseId = refer("police", adult());
        decide("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "NEGATIVE", "reasons", "Not enough indicators"));
        return caseId;
    }

    /** Closed by the competent authority while awaiting the reasonable-grounds decision. */
    public String closed() {
        String caseId = referred();
        Api.Response closure = as("competent-authority").post("/api/cases/" + caseId + "/closure",
                Map.of("category", "LOST_CONTACT", "reason", "No contact"));
        assertThat(closure.status()).as(closure.toString()).isEqualTo(204);
        return caseId;
    }

    /** A child whose guardian child services appointed. */
    public String childWithGuardian() {
        String caseId = refer("police", child());
        decide("child-services", caseId, "guardian-appointment",
                Map.of("outcome", "APPOINTED", "guardianName", "Ana Popescu"));
        return caseId;
    }

    /** Positive reasonable grounds and a residence permit granted for 400 days. */
    public String grantedPermit() {
        String caseId = positive();
        decide("immigration-service", caseId, "residence-permit-decision", Map.of("outcome", "GRANTED",
                "ground", "RECOVERY_NEEDS", "validUntil", Instant.now().plus(400, ChronoUnit.DAYS).toString()));
        return caseId;
    }

    /** Registers a shelter of {@code type} ({@code ADULT_WOMEN}, ...) with {@code capacity} beds; its id. */
    public String shelter(String type, int capacity) {
        String id = "t-" + type.toLowerCase().replace('_', '-') + "-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response response = as("admin").post("/api/admin/shelters", Map.of("shelterId", id,
                "name", "Test " + type, "type", type, "capacity", capacity, "address", "1 Hidden Road, " + id));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return id;
    }

    /** Positive reasonable grounds and placed by the shelter provider in the shelter. */
    public String placed(String shelterId) {
        String caseId = positive();
        decide("shelter-provider", caseId, "shelter-placement", Map.of("outcome", "PLACED", "shelterId", shelterId));
        return caseId;
    }
}
