package org.nrm.app.security;

/** What a user may do within their agency. */
public enum UserRole {
    /** advances cases: claims and completes the agency's tasks, refers people (first responders) */
    CASE_WORKER,
    /** watches and steers the agency's queues and deadlines */
    LEAD,
    /** the national rapporteur: statistics and audit, personal data pseudonymised */
    OVERSIGHT,
    /** runs the platform and the process; reads no personal data without a recorded reason */
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
