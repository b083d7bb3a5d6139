package org.nrm.app.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.consistency.ConsistencyReport;
import org.nrm.workflow.Incidents;
import org.nrm.workflow.Incidents.Incident;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations after an incident (admin only, no personal data): the consistency check of the events, the engine and
 * the projections, and the engine's incidents (a service task whose retries are exhausted) with their retry.
 */
@RestController
@RequestMapping("/api/admin")
class ConsistencyController {

    private final ConsistencyChecker checker;
    private final Incidents incidents;

    ConsistencyController(ConsistencyChecker checker, Incidents incidents) {
        this.checker = checker;
        this.incidents = incidents;
    }

    @GetMapping("/consistency")
    ConsistencyReport consistency(@RequestParam(required = false) String caseId) {
        if (caseId != null && (caseId.isBlank() || caseId.length() > 64)) {
            throw new InvalidParameter("caseId", "'caseId' must be a case id of 1 to 64 characters.");
        }
        return caseId == null ? checker.checkAll() : checker.checkCase(caseId);
    }

    @GetMapping("/incidents")
    List<Map<String, Object>> incidents() {
        return incidents.open().stream().map(this::view).toList();
    }

    /**
     * Gives the failed job of the incident one more try, now: the engine runs it again and, if it succeeds, resolves
     * the incident; if the cause persists, a new incident is raised.
     */
    @PostMapping("/incidents/{incidentId}/retry")
    Map<String, Object> retry(@PathVariable String incidentId) {
        Incident incident = incidents.find(incidentId)
                .orElseThrow(() -> new NotFound("No open incident " + incidentId + "."));
        if (!incident.failedJob()) {
            throw new InvalidParameter("incidentId", "Incident " + incidentId + " is of type "
                    + incident.type() + ", not a failed job: resolve it in Camunda Cockpit.");
        }
        incidents.retry(incident);
        Map<String, Object> out = new LinkedHashMap<>(view(incident));
        out.put("retrying", true);
        return out;
    }

    private Map<String, Object> view(Incident incident) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", incident.id());
        view.put("type", incident.type());
        view.put("caseId", incident.caseId());
        view.put("activityId", incident.activityId());
        view.put("jobId", incident.jobId());
        view.put("message", incident.message());
        view.put("since", incident.since() == null ? null : incident.since().toString());
        return view;
    }
}
