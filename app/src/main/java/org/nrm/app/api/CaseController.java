package org.nrm.app.api;

import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.app.cases.CaseActions;
import org.nrm.app.cases.CaseRequests;
import org.nrm.app.protection.BreakGlassGround;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.cases.CaseView;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.cases.HistoryEntry;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cases")
class CaseController {

    private final CaseViews views;
    private final CaseHistory history;
    private final WorkQueue workQueue;
    private final CaseActions actions;
    private final Access access;
    private final PersonalDataReads reads;
    private final org.nrm.projections.cases.CaseAsOf caseAsOf;
    private final org.nrm.app.cases.CaseRecords records;
    private final org.nrm.app.cases.ConsentSteps consents;
    private final org.nrm.app.reports.CaseScreenings screenings;

    CaseController(CaseViews views, CaseHistory history, WorkQueue workQueue, CaseActions actions, Access access,
                   PersonalDataReads reads, org.nrm.projections.cases.CaseAsOf caseAsOf,
                   org.nrm.app.cases.CaseRecords records, org.nrm.app.cases.ConsentSteps consents,
                   org.nrm.app.reports.CaseScreenings screenings) {
        this.screenings = screenings;
        this.consents = consents;
        this.records = records;
        this.caseAsOf = caseAsOf;
        this.views = views;
        this.history = history;
        this.workQueue = workQueue;
        this.actions = actions;
        this.access = access;
        this.reads = reads;
    }

    @GetMapping("/{caseId}")
    Map<String, Object> view(@PathVariable String caseId, @RequestParam(required = false) String asOf) {
        NrmUser user = NrmUser.current();
        if (!access.maySeeCase(user, caseId)) {
            throw NotFound.aCase(caseId);
        }
        if (asOf != null) {
            return caseAsOf.at(caseId, InvalidParameter.instant("asOf", asOf))
                    .orElseThrow(() -> NotFound.aCase(caseId));
        }
        CaseView view = views.find(caseId).orElseThrow(() -> NotFound.aCase(caseId));
        var body = new LinkedHashMap<String, Object>();
        body.put("caseId", view.caseId());
        body.put("reference", view.reference());
        body.put("stage", view.stage());
        body.put("child", view.child());
        body.put("foreignNational", view.foreignNational());
        body.put("needsAccommodation", view.needsAccommodation());
        body.put("referringAgency", view.referringAgency());
        body.put("referredAt", view.referredAt());
        body.put("gender", view.gender());
        body.put("ageGroup", view.ageGroup());
        // added field: child because the age is in doubt, until an age assessment (see CaseView.childByPresumption)
        body.put("childByPresumption", view.childByPresumption());
        body.put("nationality", view.nationality());
        body.put("guardianAppointed", view.guardianAppointed());
        body.put("reasonableGrounds", view.reasonableGrounds());
        body.put("conclusiveGrounds", view.conclusiveGrounds());
        body.put("reconsiderationPending", view.reconsiderationPending());
        body.put("disqualified", view.disqualified());
        body.put("durableSolution", view.durableSolution());
        body.put("shelterId", view.shelterId());
        body.put("accommodationDeclined", view.accommodationDeclined());
        body.put("permitStatus", view.permitStatus());
        body.put("returnStatus", view.returnStatus());
        body.put("deadlineBreaches", view.deadlineBreaches());
        body.put("closureCategory", view.closureCategory());
        body.put("closedAt", view.closedAt());
        var deadlines = new LinkedHashMap<String, Object>();
        deadlines.put("reasonableGroundsDueAt", view.reasonableGroundsDueAt());
        deadlines.put("recoveryPeriodMinimumEndsAt", view.recoveryPeriodMinimumEndsAt());
        deadlines.put("recoveryPeriodEndsAt", view.recoveryPeriodEndsAt());
        deadlines.put("reconsiderationWindowEndsAt", view.reconsiderationWindowEndsAt());
        deadlines.put("moveOnSupportEndsAt", view.moveOnSupportEndsAt());
        deadlines.put("permitValidUntil", view.permitValidUntil());
        body.put("deadlines", deadlines);
        // identification as it now reads, with who updated it last and when (added fields; see CaseIdentification)
        body.put("identification", views.identification(caseId).orElse(null));
        // the circumstances of the exploitation recorded at referral (HTCDS 2.0 / CTDC; see CaseExploitationDetails)
        body.put("exploitationDetails", views.exploitationDetails(caseId).orElse(null));
        body.put("consents", consents.view(caseId)); // consent records (branch consent)
        // the screening aid recorded at referral (an aid for the decision maker, never a decision) and the report
        // from the public the case came from (issue #17)
        body.put("screening", screenings.screening(caseId).orElse(null));
        body.put("publicReport", screenings.publicReport(caseId).orElse(null));
        // the returning-national pathway and the handover packages issued (issue 16)
        body.put("returnPathway", views.returnPathway(caseId).orElse(null));
        body.put("agencies", workQueue.involvedAgencies(caseId));
        body.put("openTasks", workQueue.openTasksOfCase(caseId).stream().map(task -> {
            var t = new LinkedHashMap<String, Object>();
            t.put("taskId", task.taskId());
            t.put("key", task.key());
            t.put("name", task.name());
            t.put("agency", task.agency());
            t.put("createdAt", task.createdAt());
            t.put("dueAt", task.dueAt());
            t.put("assignee", task.assignee());
            return t;
        }).toList());
        return body;
    }

    /**
     * The case's every step. Oversight reads it pseudonymised; an involved agency reads it whole, and the read is
     * recorded; an administrator reads it only with a recorded reason (break-glass), also recorded.
     */
    @GetMapping("/{caseId}/history")
    List<HistoryEntry> history(@PathVariable String caseId,
                               @RequestParam(name = "breakGlassReason", required = false) String breakGlassReason,
                               @RequestParam(name = "breakGlassGround", required = false) String breakGlassGround) {
        NrmUser user = NrmUser.current();
        boolean breakGlass = user.is(UserRole.ADMIN);
        InvalidParameter.text("breakGlassReason", breakGlassReason, BreakGlass.MAX_REASON);
        BreakGlassGround ground = breakGlass ? BreakGlass.ground(breakGlassGround) : null;
        String reason = breakGlass && breakGlassReason != null && !breakGlassReason.isBlank()
                ? BreakGlass.reason(breakGlassReason) : breakGlassReason;
        return records.history(user, caseId, ground, reason, "case history")
                .orElseThrow(() -> NotFound.aCase(caseId));
    }

    @PostMapping("/{caseId}/erasure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void erase(@PathVariable String caseId, @Valid @RequestBody CaseRequests.Erasure body) {
        NrmUser user = NrmUser.current();
        if (!history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        actions.erasePersonalData(caseId, body, user);
    }

    @PostMapping("/{caseId}/reconsideration")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void requestReconsideration(@PathVariable String caseId, @Valid @RequestBody CaseRequests.Reconsideration body) {
        NrmUser user = NrmUser.current();
        requireActingOn(user, caseId);
        actions.requestReconsideration(caseId, body, user);
    }

    @PostMapping("/{caseId}/consent")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void giveConsent(@PathVariable String caseId, @Valid @RequestBody CaseRequests.Consent body) {
        NrmUser user = NrmUser.current();
        if (!access.maySeeCase(user, caseId)) {
            throw NotFound.aCase(caseId);
        }
        actions.giveConsent(caseId, body, user);
    }

    @PostMapping("/{caseId}/recovery-period/extension")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void extendRecoveryPeriod(@PathVariable String caseId,
                              @Valid @RequestBody CaseRequests.RecoveryPeriodExtension body) {
        NrmUser user = NrmUser.current();
        requireActingOn(user, caseId);
        actions.extendRecoveryPeriod(caseId, body, user);
    }

    @PostMapping("/{caseId}/closure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void close(@PathVariable String caseId, @Valid @RequestBody CaseRequests.Closure body) {
        NrmUser user = NrmUser.current();
        requireActingOn(user, caseId);
        actions.close(caseId, body, user);
    }

    private void requireActingOn(NrmUser user, String caseId) {
        if (!access.mayActOn(user, caseId) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
    }
}
