package org.nrm.app.openapi;

import java.util.List;
import org.springframework.util.AntPathMatcher;

/**
 * Who may call each operation, in words, in the order of the API security chain
 * ({@code SecurityConfiguration#api}): the first rule whose method and path match. Case-level need to know follows in
 * the controllers (a case the caller's agency is not involved in reads as 404). {@code AuthorizationMatrixTest}
 * checks the chain itself; {@code ApiDescriptionTest} checks that every operation of the description has a rule here.
 */
final class EndpointRoles {

    private record Rule(String method, String pattern, String roles) {
    }

    private static final String CA = "case workers and leads (CASE_WORKER, LEAD) of the competent authority";

    private static final List<Rule> RULES = List.of(
            new Rule("POST", "/api/reports", "anyone, without signing in (rate-limited per client address; a signed-in hotline operator is not limited)"),
            new Rule("GET", "/api/reports", "case workers and leads (CASE_WORKER, LEAD) of the agency that triages reports from the public (nrm.jurisdiction.task-queues.public-report-triage)"),
            new Rule("GET", "/api/reports/*", "case workers and leads (CASE_WORKER, LEAD) of the agency that triages reports from the public (the read of personal data is recorded)"),
            new Rule("POST", "/api/reports/*/dismissal", "case workers and leads (CASE_WORKER, LEAD) of the agency that triages reports from the public"),
            new Rule("POST", "/api/reports/*/referral", "case workers (CASE_WORKER) of the agency that triages reports from the public"),
            new Rule("GET", "/api/screening/indicators", "case workers and leads (CASE_WORKER, LEAD)"),
            new Rule("POST", "/api/referrals", "case workers (CASE_WORKER) of a first-responder agency"),
            new Rule("POST", "/api/cases/*/consent", "case workers (CASE_WORKER) of a first-responder agency"),
            new Rule("POST", "/api/cases/*/reconsideration", "case workers and leads (CASE_WORKER, LEAD) of a first-responder or support-provider agency involved in the case"),
            new Rule("POST", "/api/cases/*/recovery-period/extension", CA),
            new Rule("POST", "/api/cases/*/closure", CA),
            new Rule("POST", "/api/cases/*/erasure", "administrators (ADMIN)"),
            new Rule("POST", "/api/cases/*/identification", "case workers and leads of a first-responder agency or the competent authority involved in the case"),
            new Rule("POST", "/api/cases/*/travel-documents", "case workers and leads of a first-responder agency or the immigration authority involved in the case"),
            new Rule("POST", "/api/cases/*/guardian/replacement", "case workers and leads of child services involved in the case"),
            new Rule("POST", "/api/cases/*/disqualification", CA),
            new Rule("POST", "/api/cases/*/reopening", CA),
            new Rule("POST", "/api/cases/*/move-on-support/end", "case workers and leads of a support or shelter provider involved in the case"),
            new Rule("POST", "/api/cases/*/residence-permit/*", "case workers and leads of the immigration authority involved in the case"),
            new Rule("POST", "/api/cases/*/consents/**", "case workers and leads (CASE_WORKER, LEAD) of a first-responder, support- or shelter-provider agency, child services or the competent authority involved in the case"),
            new Rule("POST", "/api/cases/*/consents", "case workers and leads (CASE_WORKER, LEAD) of a first-responder, support- or shelter-provider agency, child services or the competent authority involved in the case"),
            // the criminal case and the journey (issue 17)
            new Rule("POST", "/api/cases/*/investigation", "case workers and leads of a law-enforcement agency (LAW_ENFORCEMENT) involved in the case"),
            new Rule("POST", "/api/cases/*/cooperation", "case workers and leads of a law-enforcement or prosecution agency involved in the case or named by its investigation"),
            new Rule("POST", "/api/cases/*/witness-protection", "case workers and leads of a law-enforcement or prosecution agency involved in the case or named by its investigation"),
            new Rule("POST", "/api/cases/*/prosecution-outcome", "case workers and leads of a prosecution agency (PROSECUTION) involved in the case or named by its investigation"),
            new Rule("POST", "/api/cases/*/journey", "case workers and leads of a first-responder, law-enforcement agency or the immigration authority involved in the case"),
            new Rule("GET", "/api/cases/*/criminal-case", "case workers and leads of a law-enforcement or prosecution agency, the competent authority or the immigration authority, involved in the case or named by its investigation: the case's non-personal facts, the person's name only with their consent to share data with the agency"),
            new Rule("GET", "/api/trends/**", "case workers and leads of a law-enforcement, prosecution or immigration agency: no personal data, small cells suppressed"),
            new Rule("GET", "/api/trends", "case workers and leads of a law-enforcement, prosecution or immigration agency: no personal data, small cells suppressed"),
            new Rule("GET", "/api/cases/*/decisions/*/letter", CA + " (issuing the letter is recorded on the case)"),
            new Rule("POST", "/api/cases/*/support-plan", "case workers and leads (CASE_WORKER, LEAD) of a support-provider agency involved in the case"),
            new Rule("POST", "/api/cases/*/support-plan/*", "case workers and leads (CASE_WORKER, LEAD) of the support provider owning the case's support plan"),
            new Rule("GET", "/api/cases/*/support-plan", "case workers and leads (CASE_WORKER, LEAD) of an agency involved in the case"),
            new Rule("GET", "/api/service-providers", "case workers and agency leads (CASE_WORKER, LEAD)"),
            new Rule("GET", "/api/service-referrals", "case workers and leads (CASE_WORKER, LEAD) of an agency acting for a service provider of the directory: its own referrals"),
            new Rule("*", "/api/service-referrals/**", "case workers and leads (CASE_WORKER, LEAD) of the agency acting for the referral's service provider"),
            new Rule("GET", "/api/cases/*/decisions", "case workers and leads (CASE_WORKER, LEAD) of an agency involved in the case"),
            new Rule("GET", "/api/cases/*/handover", "case workers and leads (CASE_WORKER, LEAD) of the return organisation or the competent authority involved in the case (issuing the package is recorded on the case)"),
            new Rule("POST", "/api/handovers", "case workers and leads (CASE_WORKER, LEAD) of the return organisation or the competent authority"),
            new Rule("POST", "/api/returning-nationals", "case workers and leads (CASE_WORKER, LEAD) of the return organisation or the competent authority"),
            new Rule("GET", "/api/handovers/key", "case workers and leads (CASE_WORKER, LEAD) of the return organisation or the competent authority, and administrators (ADMIN)"),
            new Rule("GET", "/api/cases/*/history", "case workers (CASE_WORKER), agency leads (LEAD), oversight (OVERSIGHT) and administrators (ADMIN)"),
            new Rule("GET", "/api/cases/*", "case workers (CASE_WORKER), agency leads (LEAD) and oversight (OVERSIGHT), "
                    + "each agency seeing only what its role needs"),
            new Rule("GET", "/api/tasks", "case workers (CASE_WORKER) and agency leads (LEAD): their agency's queue"),
            new Rule("GET", "/api/notifications", "case workers (CASE_WORKER) and agency leads (LEAD)"),
            new Rule("POST", "/api/tasks/*/assignee", "agency leads (LEAD) of the task's agency"),
            new Rule("POST", "/api/tasks/*/*", "case workers and agency leads (CASE_WORKER, LEAD) of the task's agency"),
            new Rule("GET", "/api/queues", "agency leads (LEAD) and oversight (OVERSIGHT)"),
            new Rule("GET", "/api/shelters", "case workers and leads of a shelter provider, every agency's leads (LEAD) and oversight (OVERSIGHT)"),
            new Rule("GET", "/api/shelters/waiting", "case workers and leads of a shelter provider, every agency's leads (LEAD) and oversight (OVERSIGHT)"),
            new Rule("GET", "/api/shelters/*/placements", "case workers and leads (CASE_WORKER, LEAD) of a shelter provider"),
            new Rule("POST", "/api/cases/*/placement/*", "case workers and leads (CASE_WORKER, LEAD) of a shelter provider involved in the case"),
            new Rule("*", "/api/oversight/**", "oversight (OVERSIGHT: the national rapporteur)"),
            new Rule("*", "/api/admin/keys/**", "administrators (ADMIN); no key material is shown"),
            new Rule("*", "/api/admin/**", "administrators (ADMIN)"));

    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private EndpointRoles() {
    }

    /** The rule for an operation of the description ({@code {variable}} segments match {@code *}). */
    static String of(String method, String path) {
        String concrete = path.replaceAll("\\{[^/}]+}", "x");
        return RULES.stream()
                .filter(rule -> (rule.method().equals("*") || rule.method().equalsIgnoreCase(method))
                        && PATHS.match(rule.pattern(), concrete))
                .map(Rule::roles).findFirst()
                .orElseThrow(() -> new IllegalStateException("no role rule for " + method + " " + path));
    }
}
