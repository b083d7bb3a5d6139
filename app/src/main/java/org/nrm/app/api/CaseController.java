package org.nrm.app.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.cases.CaseView;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.cases.HistoryEntry;
import org.nrm.workflow.WorkQueue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/cases")
class CaseController {

    /** Fields of event data that hold personal data; oversight sees them pseudonymised. */
    private static final List<String> PERSONAL_FIELDS = List.of("person");

    private final CaseViews views;
    private final CaseHistory history;
    private final WorkQueue workQueue;
    private final Access access;

    CaseController(CaseViews views, CaseHistory history, WorkQueue workQueue, Access access) {
        this.views = views;
        this.history = history;
        this.workQueue = workQueue;
        this.access = access;
    }

    @GetMapping("/{caseId}")
    Map<String, Object> view(@PathVariable String caseId) {
        NrmUser user = NrmUser.current();
        if (!access.maySeeCase(user, caseId)) {
            throw NotFound.aCase(caseId);
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
        body.put("reasonableGrounds", view.reasonableGrounds());
        var deadlines = new LinkedHashMap<String, Object>();
        deadlines.put("reasonableGroundsDueAt", view.reasonableGroundsDueAt());
        deadlines.put("recoveryPeriodMinimumEndsAt", view.recoveryPeriodMinimumEndsAt());
        body.put("deadlines", deadlines);
        body.put("openTasks", workQueue.openTasksOfCase(caseId).stream().map(task -> {
            var t = new LinkedHashMap<String, Object>();
            t.put("taskId", task.taskId());
            t.put("key", task.key());
            t.put("name", task.name());
            t.put("agency", task.agency());
            t.put("dueAt", task.dueAt());
            t.put("assignee", task.assignee());
            return t;
        }).toList());
        return body;
    }

    @GetMapping("/{caseId}/history")
    List<HistoryEntry> history(@PathVariable String caseId) {
        NrmUser user = NrmUser.current();
        if (!access.maySeeCase(user, caseId)) {
            throw NotFound.aCase(caseId);
        }
        List<HistoryEntry> entries = history.of(caseId);
        if (entries.isEmpty()) {
            throw NotFound.aCase(caseId);
        }
        if (user.is(UserRole.OVERSIGHT)) {
            return entries.stream().map(CaseController::pseudonymised).toList();
        }
        return entries;
    }

    private static HistoryEntry pseudonymised(HistoryEntry entry) {
        var data = new LinkedHashMap<>(entry.data());
        PERSONAL_FIELDS.forEach(field -> data.computeIfPresent(field, (k, v) -> "[pseudonymised]"));
        return new HistoryEntry(entry.sequence(), entry.type(), entry.occurredAt(), entry.actor(), entry.agency(), data);
    }
}
