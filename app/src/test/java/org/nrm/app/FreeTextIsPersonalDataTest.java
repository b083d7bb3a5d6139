package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.projections.PersonalDataWithheld;
import org.nrm.referral.api.*;
import org.nrm.workflow.CommandSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Every free-text field of every event is personal data: for each one, a case is driven to the step that records it
 * (through the HTTP API where the step is reachable without waiting out a statutory period, else by the command the
 * step sends, else through the event store's append path), and then: (a) no stored row anywhere (events, views,
 * engine tables, audit) holds the text in clear, nor does the log or a metric; (b) an agency involved reads it in the
 * history; (c) oversight does not, in the history, the case view or an export; (d) after erasure nobody does.
 */
@ExtendWith(OutputCaptureExtension.class)
class FreeTextIsPersonalDataTest extends PlatformTest {

    private static final Actor COMPETENT_AUTHORITY = new Actor("competent-authority", "competent-authority");
    private static final Actor RETURN_ORGANISATION = new Actor("return-organisation", "return-organisation");
    private static final Actor NGO = new Actor("ngo-outreach", "ngo-outreach");
    private static final Actor SHELTER = new Actor("shelter-provider", "shelter-provider");

    /** Opens the case's support plan (the NGO's); its id. */
    String openPlan(String caseId) {
        String planId = org.nrm.app.supportplan.SupportSteps.planIdOf(caseId);
        commands.send(new org.nrm.referral.api.OpenSupportPlan(planId, caseId, "ngo-outreach",
                org.nrm.referral.api.CaseStage.AWAITING_REASONABLE_GROUNDS, 90), NGO);
        return planId;
    }

    /** Refers MEDICAL to the shelter provider's services (referral "r-" + caseId), the person consenting; the plan. */
    String referService(String caseId, String note) {
        String planId = openPlan(caseId);
        commands.send(new org.nrm.referral.api.AssessSupportNeed(planId, org.nrm.referral.api.SupportNeed.MEDICAL,
                null), NGO);
        commands.send(new org.nrm.referral.api.ReferForService(planId, "r-" + caseId,
                org.nrm.referral.api.SupportNeed.MEDICAL, new org.nrm.referral.api.ServiceProviderOffer(
                        "shelter-support", "shelter-provider", java.util.Set.of(org.nrm.referral.api.SupportNeed.MEDICAL),
                        true), false, true, false, PersonalText.of(note)), NGO);
        return planId;
    }

    @Autowired
    CommandSender commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    /** How a case reaches the step that records {@code text} in the field under test. */
    interface Drive {
        void to(FreeTextIsPersonalDataTest test, String caseId, String text);
    }

    record Step(String event, String field, boolean child, Drive drive) {
        @Override
        public String toString() {
            return event + "." + field;
        }
    }

    static Stream<Step> everyFreeTextField() {
        return Stream.of(
                new Step("ReasonableGroundsDecided", "reasons", false, (t, c, text) ->
                        t.complete("competent-authority", c, "reasonable-grounds-decision",
                                Map.of("outcome", "NEGATIVE", "reasons", text))),
                new Step("ReconsiderationRequested", "explanation", false, (t, c, text) -> {
                    t.negative(c);
                    t.ok(t.as("police").post("/api/cases/" + c + "/reconsideration",
                            Map.of("ground", "NEW_EVIDENCE", "explanation", text)));
                }),
                new Step("ReconsiderationDecided", "reasons", false, (t, c, text) -> {
                    t.negative(c);
                    t.ok(t.as("police").post("/api/cases/" + c + "/reconsideration",
                            Map.of("ground", "NEW_EVIDENCE", "explanation", "See the file")));
                    t.complete("competent-authority", c, "reconsideration-decision",
                            Map.of("outcome", "UPHELD", "reasons", text));
                }),
                new Step("RecoveryPeriodExtended", "reason", false, (t, c, text) -> {
                    t.positive(c);
                    t.ok(t.as("competent-authority").post("/api/cases/" + c + "/recovery-period/extension",
                            Map.of("days", 14, "reason", text)));
                }),
                new Step("CaseClosed", "reason", false, (t, c, text) -> t.ok(t.as("competent-authority")
                        .post("/api/cases/" + c + "/closure", Map.of("category", "WITHDRAWN", "reason", text)))),
                new Step("CaseReopened", "reason", false, (t, c, text) -> {
                    t.ok(t.as("competent-authority").post("/api/cases/" + c + "/closure",
                            Map.of("category", "LOST_CONTACT", "reason", "No contact")));
                    t.commands.send(new ReopenCase(c, PersonalText.of(text)), COMPETENT_AUTHORITY);
                }),
                new Step("ResidencePermitRefused", "reasons", false, (t, c, text) -> {
                    t.positive(c);
                    t.complete("immigration-service", c, "residence-permit-decision",
                            Map.of("outcome", "REFUSED", "reasons", text));
                }),
                new Step("ResidencePermitRevoked", "reasons", false, (t, c, text) -> {
                    t.positive(c);
                    t.complete("immigration-service", c, "residence-permit-decision", Map.of("outcome", "GRANTED",
                            "ground", "RECOVERY_NEEDS", "validUntil", Instant.now().plus(365, ChronoUnit.DAYS).toString()));
                    String applicationId = t.historyEntry("police", c, "ResidencePermitGranted").get("data")
                            .get("applicationId").asText();
                    t.commands.send(new RevokeResidencePermit(applicationId, PersonalText.of(text)),
                            new Actor("immigration-service", "immigration-service"));
                }),
                new Step("ProtectionDisqualified", "reasons", false, (t, c, text) -> {
                    t.positive(c);
                    t.commands.send(new DisqualifyFromProtection(c, DisqualificationGround.values()[0], PersonalText.of(text)),
                            COMPETENT_AUTHORITY);
                }),
                new Step("GuardianAppointed", "guardian", true, (t, c, text) ->
                        t.complete("child-services", c, "guardian-appointment",
                                Map.of("outcome", "APPOINTED", "guardianName", text))),
                new Step("GuardianReplaced", "reason", true, (t, c, text) -> {
                    t.complete("child-services", c, "guardian-appointment",
                            Map.of("outcome", "APPOINTED", "guardianName", "A guardian"));
                    t.commands.send(new ReplaceGuardian(c, new GuardianDetails("Another guardian"),
                            org.nrm.referral.api.GuardianReplacementGround.values()[0], PersonalText.of(text)),
                            new Actor("child-services", "child-services"));
                }),
                new Step("PlacementEnded", "note", false, (t, c, text) -> {
                    String shelterId = "shelter-test-" + UUID.randomUUID();
                    Actor shelters = new Actor("shelter-provider", "shelter-provider");
                    t.commands.send(new RegisterShelter(shelterId, "Test house", ShelterType.ADULT_WOMEN, 2), shelters);
                    t.commands.send(new PlacePerson(shelterId, c,
                            new org.nrm.referral.api.PlacementCandidate(false, org.nrm.referral.api.Gender.FEMALE, false), null), shelters);
                    t.commands.send(new EndPlacement(shelterId, c, org.nrm.referral.api.PlacementEndReason.MOVED_OUT,
                            PersonalText.of(text)), shelters);
                }),
                new Step("ReturnRiskAssessed", "notes", false, (t, c, text) -> {
                    String returnId = t.openReturn(c);
                    t.commands.send(new AssessReturnRisk(returnId, ReturnRisk.LOW, text), RETURN_ORGANISATION);
                }),
                new Step("TravelDocumentsRecorded", "notes", false, (t, c, text) -> {
                    t.commands.send(new RecordTravelDocuments(c, org.nrm.referral.api.BorderCrossingDocuments.values()[0],
                            PersonalText.of(text)), new Actor("border-police", "border-police"));
                }),
                new Step("PersonDeparted", "receivingOrganisation", false, (t, c, text) -> {
                    String returnId = t.openReturn(c);
                    t.commands.send(new AssessReturnRisk(returnId, ReturnRisk.LOW, null), RETURN_ORGANISATION);
                    t.commands.send(new RecordDeparture(returnId, text), RETURN_ORGANISATION);
                }),
                new Step("ReintegrationFollowedUp", "notes", false, (t, c, text) -> {
                    String returnId = t.openReturn(c);
                    t.commands.send(new AssessReturnRisk(returnId, ReturnRisk.LOW, null), RETURN_ORGANISATION);
                    t.commands.send(new RecordDeparture(returnId, "IOM"), RETURN_ORGANISATION);
                    t.commands.send(new RecordReintegrationFollowUp(returnId, FollowUpStatus.ON_TRACK, text),
                            RETURN_ORGANISATION);
                }),
                new Step("VoluntaryReturnAbandoned", "reason", false, (t, c, text) -> {
                    String returnId = t.openReturn(c);
                    t.commands.send(new AbandonVoluntaryReturn(returnId, text), RETURN_ORGANISATION);
                }),
                // support plans and service referrals (branch support16), by the commands their endpoints send
                new Step("SupportNeedAssessed", "notes", false, (t, c, text) -> t.commands.send(
                        new org.nrm.referral.api.AssessSupportNeed(t.openPlan(c),
                                org.nrm.referral.api.SupportNeed.EMPLOYMENT, PersonalText.of(text)), NGO)),
                new Step("SupportPlanReviewed", "notes", false, (t, c, text) -> t.commands.send(
                        new org.nrm.referral.api.ReviewSupportPlan(t.openPlan(c), PersonalText.of(text), 90), NGO)),
                new Step("ServiceReferred", "note", false, (t, c, text) -> t.referService(c, text)),
                new Step("ServiceReferralDeclined", "reason", false, (t, c, text) -> {
                    String plan = t.referService(c, "A note");
                    t.commands.send(new org.nrm.referral.api.DeclineServiceReferral(plan, "r-" + c,
                            PersonalText.of(text)), SHELTER);
                }),
                new Step("ServiceDelivered", "notes", false, (t, c, text) -> {
                    String plan = t.referService(c, "A note");
                    t.commands.send(new org.nrm.referral.api.AcceptServiceReferral(plan, "r-" + c), SHELTER);
                    t.commands.send(new org.nrm.referral.api.RecordServiceDelivery(plan, "r-" + c,
                            PersonalText.of(text)), SHELTER);
                }),
                new Step("ServiceReferralClosed", "notes", false, (t, c, text) -> {
                    String plan = t.referService(c, "A note");
                    t.commands.send(new org.nrm.referral.api.AcceptServiceReferral(plan, "r-" + c), SHELTER);
                    t.commands.send(new org.nrm.referral.api.CloseServiceReferral(plan, "r-" + c,
                            PersonalText.of(text)), SHELTER);
                }),
                // these two follow a recovery period of 30 days: appended through the store's own append path
                new Step("ConclusiveGroundsDecided", "reasons", false, (t, c, text) -> t.append(c,
                        new ConclusiveGroundsDecided(c, GroundsOutcome.POSITIVE, PersonalText.of(text), Instant.now(),
                                null))),
                new Step("DurableSolutionChosen", "bestInterestsAssessment", false, (t, c, text) -> t.append(c,
                        new DurableSolutionChosen(c, DurableSolution.INTEGRATION, PersonalText.of(text),
                                Instant.now()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyFreeTextField")
    void a_free_text_field_is_encrypted_read_by_the_agencies_involved_withheld_from_oversight_and_erased(
            Step step, CapturedOutput output) {
        String text = "Zephyrine" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + " Okonkwo";
        String caseId = refer(step.child() ? referralOfChild() : referralOfAdult());
        step.drive().to(this, caseId, text);

        // (a) nowhere in clear: not in the events, no view, no engine table, no audit row, no log line, no metric
        assertThat(placesHolding(text)).as("tables holding the text in clear").isEmpty();
        assertThat(storedPayloads(caseId)).doesNotContain(text);
        assertThat(output.getAll()).doesNotContain(text);
        assertThat(as("admin").get("/actuator/prometheus").body().toString()).doesNotContain(text);

        // (b) the agencies involved read it
        assertThat(text(historyEntry("police", caseId, step.event()), step.field())).isEqualTo(text);

        // (c) oversight does not: history, case view (also as of now), exports
        JsonNode oversight = as("rapporteur").get("/api/cases/" + caseId + "/history").body();
        assertThat(entry(oversight, step.event()).get("data").get(step.field()).asText()).isEqualTo("[pseudonymised]");
        assertThat(oversight.toString()).doesNotContain(text);
        assertThat(everythingOversightReads(caseId)).doesNotContain(text);

        // (d) after erasure nobody reads it, the record of the step stays
        Api.Response erased = as("admin").post("/api/cases/" + caseId + "/erasure",
                Map.of("ground", "DATA_SUBJECT_REQUEST", "reason", "Request of the person"));
        assertThat(erased.status()).as(erased.toString()).isEqualTo(204);
        JsonNode after = as("police").get("/api/cases/" + caseId + "/history").body();
        assertThat(entry(after, step.event()).get("data").get(step.field()).asText()).isEqualTo("[erased]");
        assertThat(after.toString()).doesNotContain(text);
        assertThat(as("admin").get("/api/cases/" + caseId + "/history?breakGlassReason=Check%20the%20erasure")
                .body().toString()).doesNotContain(text).contains(step.event());
        assertThat(as("police").get("/api/cases/" + caseId).body().toString()).doesNotContain(text);
        assertThat(everythingOversightReads(caseId)).doesNotContain(text);
        assertThat(placesHolding(text)).isEmpty();
    }

    @Test
    void the_erasure_keeps_its_ground_readable_and_erases_its_free_text_reason() {
        String caseId = refer(referralOfAdult());
        String reason = "Asked by Zephyrine Okonkwo-" + UUID.randomUUID();
        assertThat(as("admin").post("/api/cases/" + caseId + "/erasure",
                Map.of("ground", "RETENTION_PERIOD_ENDED", "reason", reason)).status()).isEqualTo(204);

        assertThat(placesHolding(reason)).isEmpty();
        for (String reader : List.of("police", "rapporteur")) {
            JsonNode data = entry(as(reader).get("/api/cases/" + caseId + "/history").body(), "PersonalDataErased")
                    .get("data");
            assertThat(data.get("ground").asText()).isEqualTo("RETENTION_PERIOD_ENDED");
            assertThat(data.get("reason").asText()).isIn("[erased]", "[pseudonymised]");
            assertThat(data.toString()).doesNotContain(reason);
        }
        Api.Response unknownGround = as("admin").post("/api/cases/" + refer(referralOfAdult()) + "/erasure",
                Map.of("ground", "BORED", "reason", "x"));
        assertThat(unknownGround.status()).isEqualTo(400);
    }

    @Test
    void an_event_stored_with_its_free_text_in_clear_still_reads_and_is_withheld_and_erased_like_the_new_ones()
            throws Exception {
        String caseId = refer(referralOfAdult());
        String clear = "Legacy reasons of Zephyrine " + UUID.randomUUID();
        // the shape the store held before free text was personal data: a plain string, in the case's own stream
        String payload = "{\"caseId\":\"" + caseId + "\",\"outcome\":\"NEGATIVE\",\"reasons\":\"" + clear
                + "\",\"decidedAt\":\"" + Instant.now() + "\",\"reconsiderationWindowEndsAt\":\""
                + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}";
        long next = jdbc.queryForObject("SELECT max(sequencenumber) + 1 FROM domainevententry "
                + "WHERE aggregateidentifier = ?", Long.class, caseId);
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,"
                        + " payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, 'ReferralCase', ?, ?, ?, NULL,"
                        + " ?, ?)", caseId, next, UUID.randomUUID().toString(),
                "{\"actor\":\"competent-authority\",\"agency\":\"competent-authority\"}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), ReasonableGroundsDecided.class.getName(),
                Instant.now().toString());

        Map<String, Object> row = jdbc.queryForMap("SELECT payload, payloadtype FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = ?", caseId, next);
        var stored = new SimpleSerializedObject<>((byte[]) row.get("payload"), byte[].class,
                (String) row.get("payloadtype"), null);
        ReasonableGroundsDecided read = eventSerializer.deserialize(stored);
        ReasonableGroundsDecided withheld = PersonalDataWithheld.during(() -> eventSerializer.deserialize(stored));
        assertThat(read.reasons().text()).isEqualTo(clear);
        assertThat(read.outcome()).isEqualTo(GroundsOutcome.NEGATIVE);
        assertThat(withheld.reasons().text()).isEqualTo(PersonalDataWithheld.WITHHELD);

        assertThat(text(historyEntry("police", caseId, "ReasonableGroundsDecided"), "reasons")).isEqualTo(clear);
        JsonNode oversight = as("rapporteur").get("/api/cases/" + caseId + "/history").body();
        assertThat(entry(oversight, "ReasonableGroundsDecided").get("data").get("reasons").asText())
                .isEqualTo("[pseudonymised]");
        assertThat(oversight.toString()).doesNotContain(clear);

        // the case's record loads with the old event in it: the erasure is a command on the case itself
        assertThat(as("admin").post("/api/cases/" + caseId + "/erasure", Map.of("reason", "Request")).status())
                .isEqualTo(204);
        JsonNode after = as("police").get("/api/cases/" + caseId + "/history").body();
        assertThat(entry(after, "ReasonableGroundsDecided").get("data").get("reasons").asText()).isEqualTo("[erased]");
        assertThat(after.toString()).doesNotContain(clear);
        // the legal record itself is not rewritten
        assertThat(new String((byte[]) jdbc.queryForObject("SELECT payload FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND sequencenumber = ?", byte[].class, caseId, next),
                StandardCharsets.UTF_8)).isEqualTo(payload);
    }

    // --- driving a case

    private static Map<String, Object> referralOfChild() {
        var body = new HashMap<>(referralOfAdult());
        body.put("person", Map.of("givenName", "Kim", "familyName", "Tran",
                "birthDate", LocalDate.now().minusYears(14).toString(), "gender", "FEMALE",
                "citizenships", List.of("VN")));
        return body;
    }

    void complete(String user, String caseId, String key, Map<String, Object> body) {
        String taskId = awaitTask(user, caseId, key);
        ok(as(user).post("/api/tasks/" + taskId + "/complete", body));
    }

    void negative(String caseId) {
        complete("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "NEGATIVE", "reasons", "Not enough indicators"));
    }

    void positive(String caseId) {
        complete("competent-authority", caseId, "reasonable-grounds-decision",
                Map.of("outcome", "POSITIVE", "reasons", "Credible account"));
    }

    void ok(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(204);
    }

    String openReturn(String caseId) {
        String returnId = UUID.randomUUID().toString();
        commands.send(new OpenVoluntaryReturn(returnId, caseId, "VN"), Actor.MECHANISM);
        return returnId;
    }

    void append(String caseId, Object event) {
        eventStore.publish(new GenericDomainEventMessage<>("Probe", "probe-" + UUID.randomUUID(), 0, event,
                MetaData.with(Actor.USER_KEY, "competent-authority").and(Actor.AGENCY_KEY, "competent-authority")));
    }

    // --- reading

    JsonNode historyEntry(String user, String caseId, String type) {
        return entry(as(user).get("/api/cases/" + caseId + "/history").body(), type);
    }

    private static JsonNode entry(JsonNode history, String type) {
        for (JsonNode entry : history) {
            if (type.equals(entry.get("type").asText())) {
                return entry;
            }
        }
        throw new AssertionError("no " + type + " in " + history);
    }

    private static String text(JsonNode entry, String field) {
        JsonNode value = entry.get("data").get(field);
        return value.isObject() && value.has("name") ? value.get("name").asText() : value.asText();
    }

    private String storedPayloads(String caseId) {
        return String.join("\n", jdbc.queryForList("SELECT payload FROM domainevententry WHERE case_id = ?",
                byte[].class, caseId).stream().map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList());
    }

    private String everythingOversightReads(String caseId) {
        Api rapporteur = as("rapporteur");
        String from = LocalDate.now().minusDays(1).toString();
        String to = LocalDate.now().plusDays(2).toString();
        return String.join("\n",
                rapporteur.get("/api/cases/" + caseId).body().toString(),
                rapporteur.get("/api/cases/" + caseId + "?asOf=" + Instant.now().plusSeconds(1)).body().toString(),
                rapporteur.get("/api/oversight/export/htcds").body().toString(),
                rapporteur.get("/api/oversight/statistics?from=" + from + "&to=" + to + "&format=csv").body().toString(),
                rapporteur.get("/api/oversight/statistics?from=" + from + "&to=" + to).body().toString(),
                rapporteur.get("/api/oversight/personal-data-reads?caseId=" + caseId).body().toString(),
                rapporteur.get("/api/queues").body().toString());
    }

    /** Every table of the database that holds {@code text} in clear, in any text, JSON or binary column. */
    private List<String> placesHolding(String text) {
        return org.nrm.app.support.DatabaseScan.placesHolding(jdbc, text);
    }
}
