package org.nrm.app.api;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nrm.app.config.ServiceDirectoryProperties;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.app.supportplan.SupportRequests;
import org.nrm.app.supportplan.SupportSteps;
import org.nrm.projections.cases.CaseHistory;
import org.nrm.projections.support.SupportPlans;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's support plan: {@code GET /api/cases/{id}/support-plan} (the agencies involved in the case), and the
 * owner's steps: open it ({@code POST}, a support provider involved in the case), assess a need ({@code /needs}),
 * refer a need to a provider of the directory ({@code /referrals}) and review it ({@code /review}). Who may call is
 * decided before the body is read (SecurityConfiguration); a case the caller's agency is not involved in is 404.
 */
@RestController
@RequestMapping("/api/cases/{caseId}/support-plan")
class SupportPlanController {

    private final SupportSteps steps;
    private final SupportPlans plans;
    private final Access access;
    private final CaseHistory history;
    private final ServiceDirectoryProperties directory;
    private final Clock clock;

    SupportPlanController(SupportSteps steps, SupportPlans plans, Access access, CaseHistory history,
                          ServiceDirectoryProperties directory, Clock clock) {
        this.steps = steps;
        this.plans = plans;
        this.access = access;
        this.history = history;
        this.directory = directory;
        this.clock = clock;
    }

    @GetMapping
    Map<String, Object> plan(@PathVariable String caseId) {
        NrmUser user = NrmUser.current();
        if (!access.mayActOn(user, caseId) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        return plans.ofCase(caseId).map(this::view).orElseGet(() -> {
            // not opened yet: the case's support provider opens it
            var out = new LinkedHashMap<String, Object>();
            out.put("caseId", caseId);
            out.put("opened", false);
            out.put("ownerAgency", null);
            out.put("openedAt", null);
            out.put("lastReviewedAt", null);
            out.put("reviewDueAt", null);
            out.put("reviewOverdue", false);
            out.put("needs", java.util.List.of());
            out.put("referrals", java.util.List.of());
            return out;
        });
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED) // documented as 201 (the answer is built below)
    @PostMapping
    ResponseEntity<Map<String, Object>> open(@PathVariable String caseId,
                                             @Valid @RequestBody(required = false) Map<String, Object> body) {
        if (body != null && !body.isEmpty()) {
            throw new InvalidParameter(body.keySet().iterator().next(), "Opening a support plan takes no fields.");
        }
        NrmUser user = actingOn(caseId);
        SupportPlans.Plan plan = steps.open(caseId, user);
        return ResponseEntity.created(URI.create("/api/cases/" + caseId + "/support-plan")).body(view(plan));
    }

    @PostMapping("/needs")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void assessNeed(@PathVariable String caseId, @Valid @RequestBody SupportRequests.Need body) {
        NrmUser user = actingOn(caseId);
        InvalidParameter.text("notes", body.notes(), 2_000);
        steps.assessNeed(caseId, body, user);
    }

    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED) // documented as 201 (the answer is built below)
    @PostMapping("/referrals")
    ResponseEntity<Map<String, Object>> refer(@PathVariable String caseId,
                                              @Valid @RequestBody SupportRequests.Referral body) {
        NrmUser user = actingOn(caseId);
        InvalidParameter.text("note", body.note(), 2_000);
        var provider = directory.provider(body.providerId()).orElseThrow(() -> new InvalidParameter("providerId",
                "'providerId' must be a service provider of the jurisdiction's directory."));
        String referralId = steps.refer(caseId, body, provider, user);
        var out = new LinkedHashMap<String, Object>();
        out.put("referralId", referralId);
        out.put("caseId", caseId);
        out.put("need", body.need());
        out.put("providerId", provider.id());
        out.put("status", "REFERRED");
        return ResponseEntity.created(URI.create("/api/service-referrals/" + referralId)).body(out);
    }

    @PostMapping("/review")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void review(@PathVariable String caseId, @Valid @RequestBody SupportRequests.Review body) {
        NrmUser user = actingOn(caseId);
        InvalidParameter.text("notes", body.notes(), 2_000);
        steps.review(caseId, body, user);
    }

    private Map<String, Object> view(SupportPlans.Plan plan) {
        var out = new LinkedHashMap<String, Object>();
        out.put("caseId", plan.caseId());
        out.put("opened", true);
        out.put("ownerAgency", plan.ownerAgency());
        out.put("openedAt", plan.openedAt());
        out.put("lastReviewedAt", plan.lastReviewedAt());
        out.put("reviewDueAt", plan.reviewDueAt());
        out.put("reviewOverdue", plan.reviewDueAt().isBefore(clock.instant()));
        out.put("needs", plans.needs(plan.planId()).stream().map(need -> {
            var entry = new LinkedHashMap<String, Object>();
            entry.put("need", need.need());
            entry.put("assessedAt", need.assessedAt());
            return entry;
        }).toList());
        out.put("referrals", plans.referralsOfPlan(plan.planId()).stream()
                .map(ServiceReferralController::summary).toList());
        return out;
    }

    private NrmUser actingOn(String caseId) {
        NrmUser user = NrmUser.current();
        if (!access.mayActOn(user, caseId) || !history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        return user;
    }
}
