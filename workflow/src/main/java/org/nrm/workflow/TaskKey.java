package org.nrm.workflow;

import java.util.Arrays;
import java.util.Optional;

/** The user tasks of the mechanism and of the triage of reports from the public, by their task key (the BPMN user task id). */
public enum TaskKey {
    AGE_ASSESSMENT("age-assessment"),
    GUARDIAN_APPOINTMENT("guardian-appointment"),
    REASONABLE_GROUNDS_DECISION("reasonable-grounds-decision"),
    SHELTER_PLACEMENT("shelter-placement"),
    CONCLUSIVE_GROUNDS_DECISION("conclusive-grounds-decision"),
    RECONSIDERATION_DECISION("reconsideration-decision"),
    RESIDENCE_PERMIT_DECISION("residence-permit-decision"),
    DURABLE_SOLUTION("durable-solution"),
    RETURN_RISK_ASSESSMENT("return-risk-assessment"),
    RETURN_DEPARTURE("return-departure"),
    REINTEGRATION_FOLLOW_UP("reintegration-follow-up"),
    CASE_CLOSURE("case-closure"),
    /** A report from the public in the triage queue (model public-report-triage, not the mechanism's). */
    PUBLIC_REPORT_TRIAGE("public-report-triage"),
    /** A returning national's process (returning-national.bpmn): the person met on arrival. */
    ARRIVAL_RECEPTION("arrival-reception"),
    /** A returning national's process: a follow-up of the reintegration at home. */
    RETURNING_NATIONAL_FOLLOW_UP("returning-national-follow-up");

    private final String key;

    TaskKey(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<TaskKey> of(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
