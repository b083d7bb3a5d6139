package org.nrm.workflow;

/** Names shared between the BPMN model and the code that talks to it. */
public final class MechanismProcess {

    /** The due dates of the reintegration follow-ups not yet done (joined instants). */
    public static final String FOLLOW_UPS_DUE_AT = "followUpsDueAt";

    public static final String PROCESS_KEY = "national-referral-mechanism";

    /** The pathway of a national identified as a victim abroad and coming home (returning-national.bpmn). */
    public static final String RETURNING_NATIONAL_PROCESS_KEY = "returning-national";

    /** Process variables (never personal data: the engine's tables are readable by administrators). */
    public static final String CORRELATION_PROCESS_KEY = "domain-event-correlation";
    /** The triage of a report from the public (public-report-triage.bpmn, issue #17). */
    public static final String PUBLIC_REPORT_PROCESS_KEY = "public-report";

    public static final String CASE_ID = "caseId";
    public static final String NOTIFICATION = "notification";
    public static final String AGE_UNCERTAIN = "ageUncertain";
    public static final String GENDER = "gender";
    public static final String COUNTRY_OF_RETURN = "countryOfReturn";
    public static final String GUARDIAN_DUE_AT = "guardianDueAt";
    public static final String CHILD = "child";
    public static final String FOREIGN_NATIONAL = "foreignNational";
    public static final String NEEDS_ACCOMMODATION = "needsAccommodation";
    public static final String REASONABLE_GROUNDS_DUE_AT = "reasonableGroundsDueAt";
    /** The residence permit application the process follows (set by the mechanism's application step). */
    public static final String PERMIT_APPLICATION_ID = "permitApplicationId";
    /** The voluntary return the process follows (set by the mechanism's request step). */
    public static final String RETURN_ID = "returnId";

    /** The message that renews a granted permit (its subscription shows the process holds a permit in force). */
    public static final String PERMIT_RENEWED = "residence-permit-renewed";

    private MechanismProcess() {
    }
}
