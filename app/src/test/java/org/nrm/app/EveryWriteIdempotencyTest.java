package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.idempotency.IdempotencyFilter;
import org.nrm.app.support.Api;
import org.nrm.app.support.CaseFixtures;
import org.nrm.app.support.Consistency;
import org.nrm.app.support.KeyedApi;
import org.nrm.app.support.PlatformTest;
import org.nrm.app.support.Race;
import org.nrm.app.support.SupportFixtures;
import org.nrm.referral.api.MoveOnSupportStarted;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * {@code Idempotency-Key} on every {@code POST} under {@code /api} (public contract, "Every POST"), endpoint by
 * endpoint. The endpoints are read from Spring MVC, so a new POST without an entry in {@link #WRITES} fails
 * {@link #every_post_under_the_api_has_an_idempotency_case}.
 *
 * <p>For each endpoint a fixture brings a case (task, shelter, incident) to a state where the call succeeds; the call
 * is sent twice with one key: the second answer is the first one again (status, body, {@code Location}, marked
 * {@code Idempotent-Replayed}) and the effect (the events of that step for the case or aggregate, or what the step
 * changes) happened once; the same key with another body is {@code 422} naming the header and changes nothing; the
 * cases touched end with the consistency checker reporting nothing. The first endpoint of each controller sends its
 * first call as a concurrent pair under the one key: one is carried out, the other waits and gets its answer.
 *
 * <p>{@code PUT} and {@code PATCH} are not under the key (the contract names POST; the filter covers POST only):
 * {@link #writes_other_than_post_are_listed_and_carried_out_again_under_a_key} keeps the list of them and shows that
 * a repeat is carried out again, to the same state.
 */
@ExtendWith(OutputCaptureExtension.class)
class EveryWriteIdempotencyTest extends PlatformTest {

    private static final String KEY = IdempotencyFilter.HEADER;

    /** The writes under /api that are not POST: not under the key, each carried out again when repeated. */
    static final Set<String> NOT_UNDER_THE_KEY = Set.of("PUT /api/admin/shelters/{shelterId}",
            "PATCH /api/admin/shelters/{shelterId}");

    /**
     * One write that succeeds: who sends it, where, with what; another body for the same key; the status of its
     * success; the effect counted before and after and by how much the one call changes it; the cases to check; what
     * the test does after the calls for the effect to show (most: nothing).
     */
    record Write(String user, String path, Object body, Object otherBody, int status, LongSupplier effect, long change,
                 List<String> cases, Runnable settle) {

        Write(String user, String path, Object body, Object otherBody, int status, LongSupplier effect, long change,
              List<String> cases) {
            this(user, path, body, otherBody, status, effect, change, cases, () -> { });
        }
    }

    // ----------------------------------------------------------------------------------------------------------------
    // One entry per POST endpoint (method and pattern as Spring MVC maps it). Add the entry of a new endpoint here.
    // ----------------------------------------------------------------------------------------------------------------

    static final Map<String, Function<EveryWriteIdempotencyTest, Write>> WRITES = new LinkedHashMap<>();

    static {
        // ReferralController
        WRITES.put("POST /api/referrals", t -> new Write("police", "/api/referrals", CaseFixtures.adult(),
                with(CaseFixtures.adult(), "narrative", "Another person entirely"), 201,
                () -> t.referrals(), 1, List.of()));

        // PublicReportController (issue #17): a report as a hotline operator (an anonymous one is PublicReportsTest's),
        // its dismissal and its referral
        WRITES.put("POST /api/reports", t -> new Write("ngo-outreach", "/api/reports", PublicReportsTest.report("WEB"),
                with(PublicReportsTest.report("WEB"), "location", "Elsewhere"), 201,
                () -> t.jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE "
                        + "'%.PublicReportReceived'", Long.class), 1, List.of()));
        WRITES.put("POST /api/reports/{reportId}/dismissal", t -> {
            String r = t.reportInTriage();
            return new Write("ngo-outreach", "/api/reports/" + r + "/dismissal", Map.of("reason", "Not trafficking"),
                    Map.of("reason", "Another reason"), 204, () -> t.events(r, "PublicReportDismissed"), 1, List.of());
        });
        WRITES.put("POST /api/reports/{reportId}/referral", t -> {
            String r = t.reportInTriage();
            return new Write("ngo-outreach", "/api/reports/" + r + "/referral", CaseFixtures.adult(),
                    with(CaseFixtures.adult(), "narrative", "Another person entirely"), 201,
                    () -> t.events(r, "PublicReportReferred"), 1, List.of());
        });

        // CaseController
        WRITES.put("POST /api/cases/{caseId}/erasure", t -> {
            String c = t.fixtures.referred();
            return new Write("admin", "/api/cases/" + c + "/erasure", Map.of("reason", "Request of the person"),
                    Map.of("reason", "Another request"), 204, () -> t.events(c, "PersonalDataErased"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/reconsideration", t -> {
            String c = t.fixtures.negative();
            return new Write("police", "/api/cases/" + c + "/reconsideration",
                    Map.of("ground", "NEW_EVIDENCE", "explanation", "A report from the shelter"),
                    Map.of("ground", "NEW_EVIDENCE", "explanation", "Another report"), 204,
                    () -> t.events(c, "ReconsiderationRequested"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/consent", t -> {
            String c = t.fixtures.refer("police", CaseFixtures.notification());
            Map<String, Object> person = Map.of("givenName", "Lan", "gender", "FEMALE", "birthDate", "1990-03-01");
            return new Write("police", "/api/cases/" + c + "/consent",
                    Map.of("person", person, "needsAccommodation", false),
                    Map.of("person", person, "needsAccommodation", true), 204,
                    () -> t.events(c, "ConsentGiven"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/recovery-period/extension", t -> {
            String c = t.fixtures.positive();
            return new Write("competent-authority", "/api/cases/" + c + "/recovery-period/extension",
                    Map.of("days", 5, "reason", "Medical treatment"), Map.of("days", 6, "reason", "Medical treatment"),
                    204, () -> t.events(c, "RecoveryPeriodExtended"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/closure", t -> {
            String c = t.fixtures.referred();
            return new Write("competent-authority", "/api/cases/" + c + "/closure",
                    Map.of("category", "WITHDRAWN", "reason", "Person withdrew"),
                    Map.of("category", "OTHER", "reason", "Person withdrew"), 204,
                    () -> t.events(c, "CaseClosed"), 1, List.of(c));
        });

        // CaseStepsController
        WRITES.put("POST /api/cases/{caseId}/identification", t -> {
            String c = t.fixtures.referred();
            Map<String, Object> update = Map.of("exploitationTypes", List.of("FORCED_LABOUR"),
                    "exploitationLocation", "DOMESTIC", "indicators", List.of("THREATS"));
            return new Write("police", "/api/cases/" + c + "/identification", update,
                    with(update, "exploitationLocation", "OVERSEAS"), 204,
                    () -> t.events(c, "IdentificationUpdated"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/travel-documents", t -> {
            String c = t.fixtures.referred();
            return new Write("police", "/api/cases/" + c + "/travel-documents", Map.of("documents", "OWN"),
                    Map.of("documents", "FALSE"), 204, () -> t.events(c, "TravelDocumentsRecorded"), 1, List.of(c));
        });
        // CriminalCaseController (issue 17): the criminal case's steps on a case with an investigation, the journey
        WRITES.put("POST /api/cases/{caseId}/investigation", t -> {
            String c = t.fixtures.referred();
            return new Write("police", "/api/cases/" + c + "/investigation",
                    Map.of("reference", "OP-1", "openedOn", "2026-11-02", "prosecutingAgency", "prosecution-service"),
                    Map.of("reference", "OP-2", "openedOn", "2026-11-02"), 204,
                    () -> t.events(c, "InvestigationOpened"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/cooperation", t -> {
            String c = t.investigated();
            return new Write("police", "/api/cases/" + c + "/cooperation", Map.of("status", "COOPERATING"),
                    Map.of("status", "DECLINED"), 204, () -> t.events(c, "CooperationRecorded"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/witness-protection", t -> {
            String c = t.investigated();
            return new Write("prosecution-service", "/api/cases/" + c + "/witness-protection",
                    Map.of("measures", List.of("ANONYMITY")), Map.of("measures", List.of("RELOCATION")), 204,
                    () -> t.events(c, "WitnessProtectionRecorded"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/prosecution-outcome", t -> {
            String c = t.investigated();
            return new Write("prosecution-service", "/api/cases/" + c + "/prosecution-outcome",
                    Map.of("suspectsCharged", 2, "offence", "TRAFFICKING_IN_PERSONS", "verdict", "PENDING"),
                    Map.of("suspectsCharged", 3, "offence", "TRAFFICKING_IN_PERSONS", "verdict", "PENDING"), 204,
                    () -> t.events(c, "ProsecutionOutcomeRecorded"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/journey", t -> {
            String c = t.fixtures.referred();
            return new Write("police", "/api/cases/" + c + "/journey",
                    Map.of("legs", List.of(Map.of("stage", "RECRUITMENT", "country", "VN"),
                            Map.of("stage", "EXPLOITATION", "country", "GB"))),
                    Map.of("legs", List.of(Map.of("stage", "EXPLOITATION", "country", "GB"))), 204,
                    () -> t.events(c, "JourneyRecorded"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/guardian/replacement", t -> {
            String c = t.fixtures.childWithGuardian();
            Map<String, Object> replacement = Map.of("guardianName", "Maria Ionescu", "ground",
                    "CONFLICT_OF_INTEREST", "reason", "The guardian is related to the recruiter");
            return new Write("child-services", "/api/cases/" + c + "/guardian/replacement", replacement,
                    with(replacement, "guardianName", "Elena Ionescu"), 204,
                    () -> t.events(c, "GuardianReplaced"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/disqualification", t -> {
            String c = t.fixtures.positive();
            return new Write("competent-authority", "/api/cases/" + c + "/disqualification",
                    Map.of("ground", "PUBLIC_ORDER", "reasons", "Serious offence, conviction on file"),
                    Map.of("ground", "BAD_FAITH", "reasons", "Serious offence, conviction on file"), 204,
                    () -> t.events(c, "ProtectionDisqualified"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/move-on-support/end", t -> {
            String c = t.fixtures.positive();
            t.fixtures.awaitTask("shelter-provider", c, "shelter-placement");
            t.moveOnSupportStarted(c);
            return new Write("shelter-provider", "/api/cases/" + c + "/move-on-support/end",
                    Map.of("reason", "Moved into her own flat"), Map.of("reason", "Moved in with her sister"), 204,
                    () -> t.events(c, "MoveOnSupportEnded"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/reopening", t -> {
            String c = t.fixtures.closed();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !t.processRunning(c));
            return new Write("competent-authority", "/api/cases/" + c + "/reopening",
                    Map.of("reason", "Person back in contact"), Map.of("reason", "Person back again"), 204,
                    () -> t.events(c, "CaseReopened"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/residence-permit/renewal", t -> {
            String c = t.fixtures.grantedPermit();
            Instant until = Instant.now().plus(800, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
            return new Write("immigration-service", "/api/cases/" + c + "/residence-permit/renewal",
                    Map.of("validUntil", until.toString()), Map.of("validUntil", until.plusSeconds(86_400).toString()),
                    204, () -> t.events(c, "ResidencePermitRenewed"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/residence-permit/revocation", t -> {
            String c = t.fixtures.grantedPermit();
            return new Write("immigration-service", "/api/cases/" + c + "/residence-permit/revocation",
                    Map.of("reasons", "Documents found to be forged"), Map.of("reasons", "Another ground"), 204,
                    () -> t.events(c, "ResidencePermitRevoked"), 1, List.of(c));
        });

        // ConsentController
        WRITES.put("POST /api/cases/{caseId}/consents", t -> {
            String c = t.fixtures.referred();
            return new Write("police", "/api/cases/" + c + "/consents", Map.of("scopes", List.of("HANDOVER_ABROAD")),
                    Map.of("scopes", List.of("DATA_SHARING"), "agencies", List.of("ngo-outreach")), 204,
                    () -> t.events(c, "ConsentRecorded"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/consents/{scope}/withdrawal", t -> {
            String c = t.fixtures.referred();
            Api.Response given = t.as("police").post("/api/cases/" + c + "/consents",
                    Map.of("scopes", List.of("HANDOVER_ABROAD")));
            assertThat(given.status()).as(given.toString()).isEqualTo(204);
            return new Write("police", "/api/cases/" + c + "/consents/HANDOVER_ABROAD/withdrawal",
                    Map.of("reason", "Changed her mind"), Map.of("reason", "Another reason"), 204,
                    () -> t.events(c, "ConsentWithdrawn"), 1, List.of(c));
        });

        // SupportPlanController and ServiceReferralController (branch support16)
        WRITES.put("POST /api/cases/{caseId}/support-plan", t -> {
            String c = new SupportFixtures(t.port).referredByOwner();
            return new Write(SupportFixtures.OWNER, "/api/cases/" + c + "/support-plan", Map.of(),
                    Map.of("ownerAgency", "police"), 201, () -> t.events(c, "SupportPlanOpened"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/support-plan/needs", t -> {
            String c = new SupportFixtures(t.port).withPlan();
            return new Write(SupportFixtures.OWNER, "/api/cases/" + c + "/support-plan/needs",
                    Map.of("need", "MEDICAL"), Map.of("need", "MEDICAL", "notes", "Another note"), 204,
                    () -> t.events(c, "SupportNeedAssessed"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/support-plan/referrals", t -> {
            SupportFixtures support = new SupportFixtures(t.port);
            String c = support.withPlan();
            support.need(c, "MEDICAL");
            return new Write(SupportFixtures.OWNER, "/api/cases/" + c + "/support-plan/referrals",
                    Map.of("need", "MEDICAL", "providerId", "shelter-support"),
                    Map.of("need", "MEDICAL", "providerId", "shelter-support", "note", "Another note"), 201,
                    () -> t.events(c, "ServiceReferred"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/support-plan/review", t -> {
            String c = new SupportFixtures(t.port).withPlan();
            return new Write(SupportFixtures.OWNER, "/api/cases/" + c + "/support-plan/review",
                    Map.of("notes", "Settling in"), Map.of("notes", "Another note"), 204,
                    () -> t.events(c, "SupportPlanReviewed"), 1, List.of(c));
        });
        for (String step : List.of("acceptance", "decline", "delivery", "closure")) {
            WRITES.put("POST /api/service-referrals/{referralId}/" + step, t -> {
                SupportFixtures support = new SupportFixtures(t.port);
                String c = support.withPlan();
                support.need(c, "MEDICAL");
                String r = support.refer(c, "MEDICAL", "shelter-support", null);
                if (step.equals("delivery") || step.equals("closure")) {
                    support.step("shelter-provider", r, "acceptance", Map.of());
                }
                String event = switch (step) {
                    case "acceptance" -> "ServiceReferralAccepted";
                    case "decline" -> "ServiceReferralDeclined";
                    case "delivery" -> "ServiceDelivered";
                    default -> "ServiceReferralClosed";
                };
                Map<String, Object> body = switch (step) {
                    case "acceptance" -> Map.of();
                    case "decline" -> Map.of("reason", "No place this month");
                    default -> Map.of("notes", "Done");
                };
                Map<String, Object> other = switch (step) {
                    case "acceptance" -> Map.of("again", true);
                    case "decline" -> Map.of("reason", "Another reason");
                    default -> Map.of("notes", "Another note");
                };
                return new Write("shelter-provider", "/api/service-referrals/" + r + "/" + step, body, other, 204,
                        () -> t.events(c, event), 1, List.of(c));
            });
        }

        // ShelterController
        WRITES.put("POST /api/cases/{caseId}/placement/move-out", t -> {
            String c = t.fixtures.placed(t.fixtures.shelter("ADULT_WOMEN", 2));
            return new Write("shelter-provider", "/api/cases/" + c + "/placement/move-out",
                    Map.of("note", "Moved in with her cousin"), Map.of("note", "Moved in with her aunt"), 204,
                    () -> t.events(c, "PlacementEnded"), 1, List.of(c));
        });
        WRITES.put("POST /api/cases/{caseId}/placement/transfer", t -> {
            String c = t.fixtures.placed(t.fixtures.shelter("ADULT_WOMEN", 2));
            String to = t.fixtures.shelter("ADULT_WOMEN", 2);
            return new Write("shelter-provider", "/api/cases/" + c + "/placement/transfer", Map.of("shelterId", to),
                    Map.of("shelterId", to, "note", "Closer to her work"), 204,
                    () -> t.events(c, "PersonPlaced"), 1, List.of(c));
        });

        // TaskController: a claim, a return and an assignment change who holds the task only (the platform's record
        // in the task's queue rows, not the engine's task: the rows held by the call's holder count them)
        WRITES.put("POST /api/tasks/{taskId}/claim", t -> {
            String c = t.fixtures.referred();
            String task = t.fixtures.awaitTask("competent-authority", c, "reasonable-grounds-decision");
            return new Write("competent-authority", "/api/tasks/" + task + "/claim", Map.of(), Map.of("again", true),
                    204, () -> t.heldBy(task, "competent-authority"), 1, List.of(c));
        });
        WRITES.put("POST /api/tasks/{taskId}/unclaim", t -> {
            String c = t.fixtures.referred();
            String task = t.fixtures.awaitTask("competent-authority", c, "reasonable-grounds-decision");
            assertThat(t.as("competent-authority").post("/api/tasks/" + task + "/claim", Map.of()).status())
                    .isEqualTo(204);
            return new Write("competent-authority", "/api/tasks/" + task + "/unclaim", Map.of(), Map.of("again", true),
                    204, () -> t.heldBy(task, null), 1, List.of(c));
        });
        WRITES.put("POST /api/tasks/{taskId}/assignee", t -> {
            String c = t.fixtures.referred();
            String task = t.fixtures.awaitTask("competent-authority", c, "reasonable-grounds-decision");
            return new Write("competent-authority-lead", "/api/tasks/" + task + "/assignee",
                    Map.of("assignee", "competent-authority"), Map.of("assignee", "competent-authority-lead"), 204,
                    () -> t.heldBy(task, "competent-authority"), 1, List.of(c));
        });
        WRITES.put("POST /api/tasks/{taskId}/complete", t -> {
            String c = t.fixtures.referred();
            String task = t.fixtures.awaitTask("competent-authority", c, "reasonable-grounds-decision");
            return new Write("competent-authority", "/api/tasks/" + task + "/complete",
                    Map.of("outcome", "POSITIVE", "reasons", "Credible account"),
                    Map.of("outcome", "NEGATIVE", "reasons", "Credible account"), 204,
                    () -> t.events(c, "ReasonableGroundsDecided"), 1, List.of(c));
        });

        // ConsistencyController: a failed job's incident (the reasonable-grounds deadline's timer, its retries taken
        // away); the retry resolves it and makes the job due now; the job, run once, records the breach
        WRITES.put("POST /api/admin/incidents/{incidentId}/retry", t -> {
            String c = t.fixtures.referred();
            String incident = t.incidentOf(c);
            return new Write("admin", "/api/admin/incidents/" + incident + "/retry", Map.of(), Map.of("again", true),
                    200, () -> t.events(c, "DeadlineBreached"), 1, List.of(c), () -> t.runRetriedTimer(c));
        });

        // AdminController: a replay of the case views (counted by its log line) and a retry of the dead letters (none
        // are queued: the answer is the effect, and the replay is not carried out again)
        WRITES.put("POST /api/admin/processors/{processingGroup}/replay", t -> new Write("admin",
                "/api/admin/processors/case-views/replay", Map.of(), Map.of("again", true), 202,
                () -> t.replaysLogged(), 1, List.of()));
        WRITES.put("POST /api/admin/dead-letters/{processingGroup}/retry", t -> new Write("admin",
                "/api/admin/dead-letters/case-views/retry", Map.of(), Map.of("again", true), 200,
                () -> t.as("admin").get("/api/admin/dead-letters?processingGroup=case-views").body().size(), 0,
                List.of()));

        // KeyRotationController: each carried-out start opens a run (none is open: the ones before have finished)
        WRITES.put("POST /api/admin/keys/rotation", t -> {
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> t.jdbc.queryForObject(
                    "SELECT count(*) FROM key_rotation WHERE finished_at IS NULL", Long.class) == 0);
            return new Write("admin", "/api/admin/keys/rotation", Map.of(), Map.of("again", true), 202,
                    () -> t.jdbc.queryForObject("SELECT count(*) FROM key_rotation", Long.class), 1, List.of());
        });

        // HandoverController (issue 16): an import opens one case; a returning national opened by hand; a partner's key
        // registered and revoked; this installation's key rotated
        WRITES.put("POST /api/handovers", t -> {
            org.nrm.app.support.HandoverPartner partner = new org.nrm.app.support.HandoverPartner("FR");
            assertThat(t.as("admin").post("/api/admin/handover-partners", partner.registration()).status())
                    .isEqualTo(201);
            return new Write("return-organisation", "/api/handovers", partner.signed(partner.pkg("GB", "Amelia")),
                    partner.signed(partner.pkg("GB", "Beatrice")), 201,
                    () -> t.jdbc.queryForObject("SELECT count(*) FROM handover_import", Long.class), 1, List.of());
        });
        WRITES.put("POST /api/returning-nationals", t -> {
            Map<String, Object> body = Map.of("person", Map.of("givenName", "Tom", "gender", "MALE",
                    "birthDate", "1985-07-07", "citizenships", List.of("GB")), "decisionAbroad", Map.of(
                    "sourceCountry", "TH", "decidingOrganisation", "DSDW", "kind", "CONCLUSIVE_GROUNDS",
                    "outcome", "POSITIVE", "decidedOn", "2026-10-01"));
            return new Write("competent-authority", "/api/returning-nationals", body,
                    with(body, "sourceReference", "TH-1"), 201, () -> t.jdbc.queryForObject("SELECT count(*) FROM "
                    + "domainevententry WHERE payloadtype LIKE '%ReturningNationalCaseOpened'", Long.class), 1,
                    List.of());
        });
        WRITES.put("POST /api/admin/handover-partners", t -> new Write("admin", "/api/admin/handover-partners",
                new org.nrm.app.support.HandoverPartner("NL").registration(),
                new org.nrm.app.support.HandoverPartner("NL").registration(), 201,
                () -> t.jdbc.queryForObject("SELECT count(*) FROM handover_partner_key", Long.class), 1, List.of()));
        WRITES.put("POST /api/admin/handover-partners/{keyId}/revocation", t -> {
            org.nrm.app.support.HandoverPartner partner = new org.nrm.app.support.HandoverPartner("IE");
            assertThat(t.as("admin").post("/api/admin/handover-partners", partner.registration()).status())
                    .isEqualTo(201);
            return new Write("admin", "/api/admin/handover-partners/" + partner.keyId() + "/revocation", Map.of(),
                    Map.of("again", true), 200, () -> t.jdbc.queryForObject("SELECT count(*) FROM "
                    + "handover_partner_key WHERE revoked_at IS NOT NULL", Long.class), 1, List.of());
        });
        WRITES.put("POST /api/admin/handover-key/rotation", t -> new Write("admin", "/api/admin/handover-key/rotation",
                Map.of(), Map.of("again", true), 200,
                () -> t.jdbc.queryForObject("SELECT count(*) FROM handover_signing_key", Long.class), 1, List.of()));

        // ShelterAdminController
        WRITES.put("POST /api/admin/shelters", t -> {
            String id = "t-idem-" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> body = Map.of("shelterId", id, "name", "Idempotent house", "type", "ADULT_WOMEN",
                    "capacity", 3, "address", "2 Hidden Road");
            return new Write("admin", "/api/admin/shelters", body, with(body, "capacity", 4), 201,
                    () -> t.events(id, "ShelterRegistered"), 1, List.of());
        });
        WRITES.put("POST /api/admin/shelters/{shelterId}/retirement", t -> {
            String id = t.fixtures.shelter("ADULT_WOMEN", 2);
            return new Write("admin", "/api/admin/shelters/" + id + "/retirement", Map.of("reason", "Closed down"),
                    Map.of("reason", "Sold"), 204, () -> t.events(id, "ShelterRetired"), 1, List.of());
        });
    }

    // ----------------------------------------------------------------------------------------------------------------

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Autowired
    ConsistencyChecker checker;

    @Autowired
    RuntimeService runtime;

    @Autowired
    ManagementService management;

    private CaseFixtures fixtures;
    private CapturedOutput output;

    /** Method and pattern of every write under /api, with its controller. */
    private Map<String, Class<?>> apiWrites() {
        Map<String, Class<?>> writes = new TreeMap<>();
        mappings.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                if (methods.isEmpty()) {
                    writes.put("ANY " + pattern, handler.getBeanType());
                }
                for (RequestMethod method : methods) {
                    if (method != RequestMethod.GET && method != RequestMethod.HEAD
                            && method != RequestMethod.OPTIONS) {
                        writes.put(method.name() + " " + pattern, handler.getBeanType());
                    }
                }
            }
        });
        return writes;
    }

    @Test
    void every_post_under_the_api_has_an_idempotency_case() {
        Set<String> posts = new TreeSet<>();
        apiWrites().keySet().stream().filter(endpoint -> endpoint.startsWith("POST ")).forEach(posts::add);

        assertThat(posts).as("POST endpoints Spring MVC maps under /api").hasSizeGreaterThan(20);
        assertThat(new TreeSet<>(posts) {{ removeAll(WRITES.keySet()); }})
                .as("POST endpoints without an entry in EveryWriteIdempotencyTest.WRITES (make the call succeed there)")
                .isEmpty();
        assertThat(new TreeSet<>(WRITES.keySet()) {{ removeAll(posts); }})
                .as("entries of EveryWriteIdempotencyTest.WRITES for endpoints that no longer exist").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> each_post_repeated_with_its_key_answers_the_first_answer_and_acts_once(CapturedOutput output) {
        this.output = output;
        this.fixtures = new CaseFixtures(port);
        Map<String, Class<?>> writes = apiWrites();
        Set<Class<?>> controllersRaced = new HashSet<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (String endpoint : new TreeSet<>(WRITES.keySet())) {
            Class<?> controller = writes.get(endpoint);
            boolean concurrent = controller != null && controllersRaced.add(controller);
            tests.add(DynamicTest.dynamicTest(endpoint + (concurrent ? " (first call as a concurrent pair)" : ""),
                    () -> run(endpoint, WRITES.get(endpoint).apply(this), concurrent)));
        }
        return tests.stream();
    }

    private void run(String endpoint, Write write, boolean concurrent) throws Exception {
        String key = UUID.randomUUID().toString();
        KeyedApi api = new KeyedApi(port, write.user());
        long before = write.effect().getAsLong();

        KeyedApi.Reply first;
        if (concurrent) {
            List<Callable<KeyedApi.Reply>> pair = List.of(() -> api.post(write.path(), write.body(), KEY, key),
                    () -> api.post(write.path(), write.body(), KEY, key));
            List<KeyedApi.Reply> replies = Race.race(pair);
            assertThat(replies.stream().filter(r -> !r.replayed())).as(endpoint + ": carried out once: " + replies)
                    .hasSize(1);
            first = replies.stream().filter(r -> !r.replayed()).findFirst().orElseThrow();
            KeyedApi.Reply waited = replies.stream().filter(KeyedApi.Reply::replayed).findFirst().orElseThrow();
            assertSameAnswer(endpoint + " (the concurrent one)", first, waited);
        } else {
            first = api.post(write.path(), write.body(), KEY, key);
            assertThat(first.replayed()).as(endpoint + ": the first call is carried out").isFalse();
        }
        assertThat(first.status()).as(endpoint + ": " + first).isEqualTo(write.status());

        KeyedApi.Reply again = api.post(write.path(), write.body(), KEY, key);
        assertSameAnswer(endpoint, first, again);

        KeyedApi.Reply other = api.post(write.path(), write.otherBody(), KEY, key);
        assertThat(other.status()).as(endpoint + ": another body under the key: " + other).isEqualTo(422);
        assertThat(other.isProblem()).isTrue();
        assertThat(other.body().get("field").asText()).isEqualTo(KEY);

        write.settle().run();
        awaitEffect(endpoint, write, before);

        List<String> cases = new ArrayList<>(write.cases());
        if (first.body() != null && first.body().hasNonNull("caseId")) {
            cases.add(first.body().get("caseId").asText());
        }
        if (endpoint.endsWith("/replay")) {
            awaitReplayFinished();
        }
        if (!cases.isEmpty()) {
            Consistency.assertConsistent(checker, cases);
        }
    }

    private static void assertSameAnswer(String endpoint, KeyedApi.Reply first, KeyedApi.Reply again) {
        assertThat(again.replayed()).as(endpoint + ": the repeat is answered from the kept answer: " + again).isTrue();
        assertThat(again.status()).as(endpoint).isEqualTo(first.status());
        assertThat(again.raw()).as(endpoint + ": the same body").isEqualTo(first.raw());
        assertThat(again.location()).as(endpoint + ": the same Location").isEqualTo(first.location());
    }

    /** The effect, once: some effects come after the answer (the retried job runs on the job executor). */
    private static void awaitEffect(String endpoint, Write write, long before) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(write.effect().getAsLong())
                        .as(endpoint + ": the effect of one call").isEqualTo(before + write.change()));
    }

    @Test
    void writes_other_than_post_are_listed_and_carried_out_again_under_a_key() {
        Set<String> others = new TreeSet<>();
        apiWrites().keySet().stream().filter(endpoint -> !endpoint.startsWith("POST ")).forEach(others::add);
        assertThat(others).as("writes under /api other than POST (decide whether the key covers a new one)")
                .isEqualTo(new TreeSet<>(NOT_UNDER_THE_KEY));

        String shelter = new CaseFixtures(port).shelter("ADULT_WOMEN", 2);
        KeyedApi admin = new KeyedApi(port, "admin");
        String path = "/api/admin/shelters/" + shelter;
        Map<String, Object> replacement = Map.of("name", "Replaced house", "capacity", 5,
                "groups", List.of("ADULT_WOMEN"), "address", "3 Hidden Road");
        Map<String, Object> change = Map.of("capacity", 6);
        for (String method : List.of("PUT", "PATCH")) {
            Object body = method.equals("PUT") ? replacement : change;
            String key = UUID.randomUUID().toString();
            KeyedApi.Reply first = admin.send(method, path, body, KEY, key);
            KeyedApi.Reply again = admin.send(method, path, body, KEY, key);
            assertThat(first.status()).as(method + ": " + first).isEqualTo(200);
            assertThat(again.status()).as(method + ": " + again).isEqualTo(200);
            assertThat(again.replayed()).as(method + " is not under the key: carried out again").isFalse();
            assertThat(again.body()).as(method + " repeated leaves the same state").isEqualTo(first.body());
        }
        assertThat(as("admin").get(path).body().get("capacity").asInt()).isEqualTo(6);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Effects and stand-ins
    // ----------------------------------------------------------------------------------------------------------------

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    /** A referred case with an investigation opened by police, naming the prosecution service (issue 17). */
    private String investigated() {
        String c = fixtures.referred();
        var opened = fixtures.as("police").post("/api/cases/" + c + "/investigation",
                Map.of("reference", "OP-0", "openedOn", "2026-11-02", "prosecutingAgency", "prosecution-service"));
        if (opened.status() != 204) {
            throw new AssertionError("investigation: " + opened);
        }
        return c;
    }

    /** Referrals made, by anyone. */
    /** A report from the public waiting in the triage queue (its task open), by its id. */
    private String reportInTriage() {
        Api.Response sent = as("ngo-outreach").post("/api/reports", PublicReportsTest.report("HOTLINE"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        String receipt = sent.body().get("receipt").asText();
        return Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.query(
                "SELECT report_id FROM public_report WHERE receipt = ?", (rs, i) -> rs.getString(1), receipt)
                .stream().findFirst().orElse(null), java.util.Objects::nonNull);
    }

    private long referrals() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.ReferralSubmitted'",
                Long.class);
    }

    /** Events of {@code type} of the aggregate {@code id} or concerning the case {@code id}. */
    private long events(String id, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE (aggregateidentifier = ? OR case_id = ?)"
                + " AND payloadtype LIKE ?", Long.class, id, id, "%." + type);
    }

    /** The task's queue rows held by {@code holder} (nobody: {@code null}). */
    private long heldBy(String taskId, String holder) {
        return jdbc.queryForObject("SELECT count(*) FROM work_queue WHERE task_id = ?"
                + " AND assignee IS NOT DISTINCT FROM CAST(? AS VARCHAR)", Long.class, taskId, holder);
    }

    private long replaysLogged() {
        return output.getAll().split("Replaying projection case-views from the start", -1).length - 1;
    }

    private String processOf(String caseId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).singleResult().getId();
    }

    private boolean processRunning(String caseId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(caseId).count() > 0;
    }

    private long openIncidents(String caseId) {
        return runtime.createIncidentQuery().processInstanceId(processOf(caseId)).count();
    }

    /**
     * The retried timer job, run now: the job executor runs it at its next poll, which can be its idle back-off (up to
     * a minute) away; the test stands in for the wait. The incident is resolved by the retry itself.
     */
    private void runRetriedTimer(String caseId) {
        assertThat(openIncidents(caseId)).as("the retry resolved the incident").isZero();
        for (Job job : management.createJobQuery().processInstanceId(processOf(caseId)).timers()
                .activityId("rg-deadline").list()) {
            try {
                management.executeJob(job.getId());
            } catch (ProcessEngineException ranMeanwhile) {
                // the job executor took it first (locked or gone): it runs once either way
            }
        }
    }

    /** A failed-job incident on the case: the reasonable-grounds deadline's timer with no retries left. */
    private String incidentOf(String caseId) {
        Job timer = management.createJobQuery().processInstanceId(processOf(caseId)).timers()
                .activityId("rg-deadline").singleResult();
        management.setJobRetries(timer.getId(), 0);
        return runtime.createIncidentQuery().processInstanceId(processOf(caseId)).singleResult().getId();
    }

    /**
     * Move-on support running on the case. It begins with the conclusive decision, which the jurisdiction allows only
     * after the recovery period's minimum (30 days): the test stands in for the month with the event the decision
     * would record, appended to the case's stream as the store's own rows are (the case's process, which would set the
     * timer of its end, is not told; the early end the endpoint records needs no timer).
     */
    private void moveOnSupportStarted(String caseId) {
        long next = jdbc.queryForObject("SELECT max(sequencenumber) + 1 FROM domainevententry "
                + "WHERE aggregateidentifier = ?", Long.class, caseId);
        Instant now = Instant.now();
        String payload = "{\"caseId\":\"" + caseId + "\",\"startedAt\":\"" + now + "\",\"endsAt\":\""
                + now.plus(45, ChronoUnit.DAYS) + "\"}";
        jdbc.update("INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,"
                        + " payload, payloadrevision, payloadtype, timestamp) VALUES (?, ?, 'ReferralCase', ?, ?, ?, NULL,"
                        + " ?, ?)", caseId, next, UUID.randomUUID().toString(),
                "{\"actor\":\"competent-authority\",\"agency\":\"competent-authority\"}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), MoveOnSupportStarted.class.getName(), now.toString());
    }

    /** The replay has caught up and reads are served from the live views again (the next tests read them). */
    private void awaitReplayFinished() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            for (var status : as("admin").get("/api/admin/processors").body()) {
                if (status.get("replaying").asBoolean() || status.get("lagEvents").asLong() != 0) {
                    return false;
                }
            }
            return !Boolean.TRUE.equals(jdbc.queryForObject(
                    "SELECT snapshot FROM view_serving WHERE view_name = 'case-views'", Boolean.class));
        });
    }
}
