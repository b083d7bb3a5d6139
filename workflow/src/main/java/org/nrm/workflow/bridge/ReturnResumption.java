package org.nrm.workflow.bridge;

import java.util.Date;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.nrm.workflow.MechanismDates;
import org.nrm.workflow.MechanismProcess;
import org.nrm.workflow.ProcessVariables;
import org.nrm.workflow.TaskKey;

/**
 * Where a reopened case resumes the voluntary return it was closed in ({@code ResumePoint.VOLUNTARY_RETURN}): at the
 * return's step its last process instance had reached, read from the engine's history. The risk assessment or the
 * departure is taken up again; after departure, the follow-ups not yet done (their due dates as the departure set
 * them); after an abandoned return (HIGH risk), the choice of durable solution; after a completed return, the closure.
 */
final class ReturnResumption {

    /** The follow-ups' multi-instance body: started whole, one follow-up per remaining due date. */
    private static final String FOLLOW_UPS = "reintegration-follow-ups#multiInstanceBody";

    /** The return's activities, each with the activity a reopened case starts before when it was the last reached. */
    private static final Map<String, String> RESUME_AT = Map.ofEntries(
            Map.entry("request-voluntary-return", TaskKey.RETURN_RISK_ASSESSMENT.key()),
            Map.entry(TaskKey.RETURN_RISK_ASSESSMENT.key(), TaskKey.RETURN_RISK_ASSESSMENT.key()),
            Map.entry("abandon-voluntary-return", TaskKey.DURABLE_SOLUTION.key()),
            Map.entry(TaskKey.RETURN_DEPARTURE.key(), TaskKey.RETURN_DEPARTURE.key()),
            Map.entry("follow-up-due", FOLLOW_UPS),
            Map.entry(TaskKey.REINTEGRATION_FOLLOW_UP.key(), FOLLOW_UPS),
            Map.entry("complete-voluntary-return", TaskKey.CASE_CLOSURE.key()));

    private ReturnResumption() {
    }

    /**
     * The activity to start the reopened case's process before; when that is the follow-ups, {@code variables}' due
     * dates are cut to those not yet followed up.
     */
    static String resumeActivity(HistoryService history, String caseId, Map<String, Object> variables) {
        List<HistoricProcessInstance> last = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(MechanismProcess.PROCESS_KEY).processInstanceBusinessKey(caseId).finished()
                .orderByProcessInstanceEndTime().desc().listPage(0, 1);
        if (last.isEmpty()) {
            return TaskKey.DURABLE_SOLUTION.key();
        }
        List<HistoricActivityInstance> reached = history.createHistoricActivityInstanceQuery()
                .processInstanceId(last.get(0).getId()).orderByHistoricActivityInstanceStartTime().asc()
                .orderPartiallyByOccurrence().asc().list().stream()
                .filter(activity -> RESUME_AT.containsKey(activity.getActivityId())).toList();
        if (reached.isEmpty()) {
            return TaskKey.DURABLE_SOLUTION.key();
        }
        String resumeAt = RESUME_AT.get(reached.get(reached.size() - 1).getActivityId());
        if (FOLLOW_UPS.equals(resumeAt)) {
            long done = reached.stream().filter(a -> TaskKey.REINTEGRATION_FOLLOW_UP.key().equals(a.getActivityId())
                    && a.getEndTime() != null && !a.isCanceled()).count();
            ProcessVariables.FOLLOW_UPS_DUE_AT.put(variables, remaining(variables, done));
        }
        return resumeAt;
    }

    private static String remaining(Map<String, Object> variables, long done) {
        List<Date> due = new MechanismDates().list(ProcessVariables.FOLLOW_UPS_DUE_AT.from(variables));
        return MechanismDates.join(due.stream().skip(done).map(Date::toInstant).toList());
    }
}
