package org.nrm.app.consistency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * The engine's open incidents (a service task whose retries are exhausted) and their retry: one service behind
 * {@code GET /api/admin/incidents}, {@code POST /api/admin/incidents/{id}/retry} and the administration page. No
 * personal data: the case id, the activity and the engine's message.
 */
@Component
public class EngineIncidents {

    /** No open incident has this id. */
    public static final class Unknown extends RuntimeException {
        public Unknown(String incidentId) {
            super("No open incident " + incidentId + ".");
        }
    }

    /** The incident is not a failed job (nothing to retry here: it is resolved in Cockpit). */
    public static final class NotAFailedJob extends RuntimeException {
        public NotAFailedJob(String incidentId, String type) {
            super("Incident " + incidentId + " is of type " + type + ", not a failed job: resolve it in Camunda Cockpit.");
        }
    }

    private final RuntimeService runtime;
    private final ManagementService management;

    public EngineIncidents(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    /** Every open incident, oldest first: id, type, caseId, activityId, jobId (failed jobs), message, since. */
    public List<Map<String, Object>> open() {
        return runtime.createIncidentQuery().orderByIncidentTimestamp().asc().list().stream().map(this::view).toList();
    }

    /**
     * Gives the failed job of the incident one more try, now: the engine runs it again and, if it succeeds, resolves
     * the incident; if the cause persists, a new incident is raised. Answers the incident as it was.
     */
    public Map<String, Object> retry(String incidentId) {
        Incident incident = runtime.createIncidentQuery().incidentId(incidentId).singleResult();
        if (incident == null) {
            throw new Unknown(incidentId);
        }
        if (!Incident.FAILED_JOB_HANDLER_TYPE.equals(incident.getIncidentType())) {
            throw new NotAFailedJob(incidentId, incident.getIncidentType());
        }
        String jobId = incident.getConfiguration();
        management.setJobRetries(jobId, 1);
        management.setJobDuedate(jobId, null);
        return view(incident);
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
