package org.nrm.app.consistency;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.workflow.Incidents;
import org.springframework.stereotype.Component;

/**
 * The engine's open incidents, as the API and the page show them (read and retried through workflow's
 * {@link Incidents}: only workflow touches the engine) (a service task whose retries are exhausted) and their retry: one service behind
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

    private final Incidents incidents;

    public EngineIncidents(Incidents incidents) {
        this.incidents = incidents;
    }

    /** Every open incident, oldest first: id, type, caseId, activityId, jobId (failed jobs), message, since. */
    public List<Map<String, Object>> open() {
        return incidents.open().stream().map(EngineIncidents::view).toList();
    }

    /**
     * Gives the failed job of the incident one more try, now: the engine runs it again and, if it succeeds, resolves
     * the incident; if the cause persists, a new incident is raised. Answers the incident as it was.
     */
    public Map<String, Object> retry(String incidentId) {
        Incidents.Incident incident = incidents.find(incidentId).orElseThrow(() -> new Unknown(incidentId));
        if (!incident.failedJob()) {
            throw new NotAFailedJob(incidentId, incident.type());
        }
        incidents.retry(incident);
        return view(incident);
    }

    private static Map<String, Object> view(Incidents.Incident incident) {
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
