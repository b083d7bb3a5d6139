package org.nrm.app.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.consistency.ConsistencyReport;
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
    private final RuntimeService runtime;
    private final ManagementService management;

    ConsistencyController(ConsistencyChecker checker, RuntimeService runtime, ManagementService management) {
        this.checker = checker;
        this.runtime = runtime;
        this.management = management;
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
        return runtime.createIncidentQuery().orderByIncidentTimestamp().asc().list().stream()
                .map(this::view).toList();
    }

    /**
     * Gives the failed job of the incident one more try, now: the engine runs it again and, if it succeeds, resolves
     * the incident; if the cause persists, a new incident is raised.
     */
    @PostMapping("/incidents/{incidentId}/retry")
    Map<String, Object> retry(@PathVariable String incidentId) {
        Incident incident = runtime.createIncidentQuery().incidentId(incidentId).singleResult();
        if (incident == null) {
            throw new NotFound("No open incident " + incidentId + ".");
        }
        if (!Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType())) {
            throw new InvalidParameter("incidentId", "Incident " + incidentId + " is of type "
                    + incident.getIncidentType() + ", not a failed job: resolve it in Camunda Cockpit.");
        }
        String jobId = incident.getConfiguration();
        management.setJobRetries(jobId, 1);
        management.setJobDuedate(jobId, null);
        Map<String, Object> out = new LinkedHashMap<>(view(incident));
        out.put("retrying", true);
        return out;
    }

    private Map<String, Object> view(Incident incident) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", incident.getId());
        view.put("type", incident.getIncidentType());
        view.put("caseId", caseOf(incident.getProcessInstanceId()));
        view.put("activityId", incident.getActivityId());
        view.put("jobId", Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType())
                ? incident.getConfiguration() : null);
        view.put("message", incident.getIncidentMessage());
        view.put("since", incident.getIncidentTimestamp() == null ? null
                : incident.getIncidentTimestamp().toInstant().toString());
        return view;
    }

    private String caseOf(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        var instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }
}
