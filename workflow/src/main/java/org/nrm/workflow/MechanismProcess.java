package org.nrm.workflow;

/**
 * Names shared between the BPMN models and the code that talks to them: process keys and message names. The
 * variables are declared in {@link ProcessVariables}.
 */
public final class MechanismProcess {

    public static final String PROCESS_KEY = "national-referral-mechanism";

    /** The pathway of a national identified as a victim abroad and coming home (returning-national.bpmn). */
    public static final String RETURNING_NATIONAL_PROCESS_KEY = "returning-national";

    /** Delivers a domain event to the case's process (domain-event-correlation.bpmn). */
    public static final String CORRELATION_PROCESS_KEY = "domain-event-correlation";
    /** The triage of a report from the public (public-report-triage.bpmn, issue #17). */
    public static final String PUBLIC_REPORT_PROCESS_KEY = "public-report";

    /** The message that renews a granted permit (its subscription shows the process holds a permit in force). */
    public static final String PERMIT_RENEWED = "residence-permit-renewed";

    private MechanismProcess() {
    }
}
