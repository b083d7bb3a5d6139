package org.nrm.workflow;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The engine's incidents (a service task or correlation job whose retries are exhausted, ...), for the operators: what
 * each is, for which case, and one more try of a failed job. No personal data (the engine holds none).
 */
@Component
public class Incidents {

    /** One open incident; {@code jobId} is set for a failed job, the only kind {@link #retry} gives another try. */
    public record Incident(String id, String type, String caseId, String activityId, String jobId, String message,
                           Instant since) {

        public boolean failedJob() {
            return jobId != null;
        }
    }

    private final RuntimeService runtime;
    private final ManagementService management;

    public Incidents(RuntimeService runtime, ManagementService management) {
        this.runtime = runtime;
        this.management = management;
    }

    /** Every open incident, oldest first. */
    public List<Incident> open() {
        return runtime.createIncidentQuery().orderByIncidentTimestamp().asc().list().stream().map(this::view).toList();
    }

    public Optional<Incident> find(String incidentId) {
        return Optional.ofNullable(runtime.createIncidentQuery().incidentId(incidentId).singleResult()).map(this::view);
    }

    /**
     * Gives the failed job of the incident one more try, now: the engine runs it again and, if it succeeds, resolves
     * the incident; if the cause persists, a new incident is raised.
     */
    public void retry(Incident incident) {
        if (!incident.failedJob()) {
            throw new IllegalArgumentException("incident " + incident.id() + " is not a failed job");
        }
        management.setJobRetries(incident.jobId(), 1);
        management.setJobDuedate(incident.jobId(), null);
    }

    private Incident view(org.camunda.bpm.engine.runtime.Incident incident) {
        boolean failedJob = org.camunda.bpm.engine.runtime.Incident.FAILED_JOB_HANDLER_TYPE.equals(
                incident.getIncidentType());
        return new Incident(incident.getId(), incident.getIncidentType(), caseOf(incident.getProcessInstanceId()),
                incident.getActivityId(), failedJob ? incident.getConfiguration() : null, incident.getIncidentMessage(),
                incident.getIncidentTimestamp() == null ? null : incident.getIncidentTimestamp().toInstant());
    }

    private String caseOf(String processInstanceId) {
        if (processInstanceId == null) {
            return null;
        }
        var instance = runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
        return instance == null ? null : instance.getBusinessKey();
    }
}
