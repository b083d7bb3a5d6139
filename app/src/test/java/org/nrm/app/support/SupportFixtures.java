package org.nrm.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Support plans brought to the state a test needs, over the public API (branch support16): cases referred by the NGO
 * (a first responder that is also a support provider, so it is involved from the referral and owns the plan it
 * opens), plans, needs and referrals to the demo directory's providers ({@code application-demo.yml}).
 */
public final class SupportFixtures {

    /** The plan owner of every fixture: the NGO (first responder and support provider). */
    public static final String OWNER = "ngo-outreach";

    private final CaseFixtures cases;

    public SupportFixtures(int port) {
        this.cases = new CaseFixtures(port);
    }

    public CaseFixtures cases() {
        return cases;
    }

    /** An adult referred by the NGO, awaiting the reasonable-grounds decision. */
    public String referredByOwner() {
        String caseId = cases.refer(OWNER, CaseFixtures.adult());
        cases.awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        return caseId;
    }

    /** A case referred by the NGO with its support plan opened by the NGO. */
    public String withPlan() {
        String caseId = referredByOwner();
        open(caseId);
        return caseId;
    }

    public void open(String caseId) {
        Api.Response response = cases.as(OWNER).post("/api/cases/" + caseId + "/support-plan", Map.of());
        assertThat(response.status()).as("open plan: " + response).isEqualTo(201);
    }

    public void need(String caseId, String need) {
        Api.Response response = cases.as(OWNER).post("/api/cases/" + caseId + "/support-plan/needs",
                Map.of("need", need));
        assertThat(response.status()).as("need " + need + ": " + response).isEqualTo(204);
    }

    /** Refers the (assessed) need to the provider; the referral's id. */
    public String refer(String caseId, String need, String providerId, String note) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("need", need);
        body.put("providerId", providerId);
        if (note != null) {
            body.put("note", note);
        }
        Api.Response response = cases.as(OWNER).post("/api/cases/" + caseId + "/support-plan/referrals", body);
        assertThat(response.status()).as("referral of " + need + " to " + providerId + ": " + response)
                .isEqualTo(201);
        return response.body().get("referralId").asText();
    }

    /** A case with a plan, the need assessed and referred to the provider; the referral's id. */
    public String referral(String need, String providerId) {
        String caseId = withPlan();
        need(caseId, need);
        return refer(caseId, need, providerId, null);
    }

    /** The provider agency's step on a referral ({@code acceptance}, {@code decline}, {@code delivery}, ...). */
    public void step(String agency, String referralId, String step, Map<String, Object> body) {
        Api.Response response = cases.as(agency).post("/api/service-referrals/" + referralId + "/" + step, body);
        assertThat(response.status()).as(step + ": " + response).isEqualTo(204);
    }
}
