package org.nrm.app.api;

import jakarta.validation.Valid;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.app.config.ServiceDirectoryProperties;
import org.nrm.app.security.NrmUser;
import org.nrm.app.supportplan.ServiceReferralReads;
import org.nrm.app.supportplan.SupportRequests;
import org.nrm.app.supportplan.SupportSteps;
import org.nrm.projections.support.SupportPlans;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A service provider's referrals: its own list ({@code GET /api/service-referrals}), one referral with what it needs
 * and, only while the person's consent to share data with the provider's agency is in force, the person's details and
 * the referral's note; and its steps on a referral: acceptance, decline with a reason, delivery, closure. A provider
 * sees the referral, not the case: {@code GET /api/cases/{id}} stays 404 to it unless it is otherwise involved. A
 * referral sent to another agency reads as 404. The directory of providers: {@code GET /api/service-providers}.
 */
@RestController
class ServiceReferralController {

    private final SupportSteps steps;
    private final SupportPlans plans;
    private final ServiceReferralReads referralReads;
    private final ServiceDirectoryProperties directory;

    ServiceReferralController(SupportSteps steps, SupportPlans plans, ServiceReferralReads referralReads,
                              ServiceDirectoryProperties directory) {
        this.steps = steps;
        this.plans = plans;
        this.referralReads = referralReads;
        this.directory = directory;
    }

    @GetMapping("/api/service-providers")
    List<Map<String, Object>> providers() {
        return directory.serviceProviders().stream().map(provider -> {
            var out = new LinkedHashMap<String, Object>();
            out.put("providerId", provider.id());
            out.put("name", provider.name());
            out.put("agency", provider.agency());
            out.put("partner", provider.partner());
            out.put("services", provider.services().stream().map(Enum::name).sorted().toList());
            out.put("languages", provider.languages());
            out.put("regions", provider.regions());
            out.put("capacity", provider.capacity());
            out.put("openReferrals", plans.openReferralsOf(provider.id()));
            out.put("takesChildren", provider.takesChildren());
            return (Map<String, Object>) out;
        }).toList();
    }

    @GetMapping("/api/service-referrals")
    List<Map<String, Object>> mine() {
        NrmUser user = NrmUser.current();
        return plans.referralsTo(user.agency(), 500).stream().map(ServiceReferralController::summary).toList();
    }

    @GetMapping("/api/service-referrals/{referralId}")
    Map<String, Object> one(@PathVariable String referralId) {
        NrmUser user = NrmUser.current();
        SupportPlans.Referral referral = own(referralId, user);
        Map<String, Object> out = summary(referral);
        var shared = referralReads.shared(referral, user);
        out.put("personalDataShared", shared.isPresent());
        out.put("person", shared.map(ServiceReferralReads.Shared::person).orElse(null));
        out.put("note", shared.map(ServiceReferralReads.Shared::note).orElse(null));
        return out;
    }

    @PostMapping("/api/service-referrals/{referralId}/acceptance")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void accept(@PathVariable String referralId, @Valid @RequestBody(required = false) Map<String, Object> body) {
        noFields(body);
        NrmUser user = NrmUser.current();
        steps.accept(own(referralId, user), user);
    }

    @PostMapping("/api/service-referrals/{referralId}/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void decline(@PathVariable String referralId, @Valid @RequestBody SupportRequests.Decline body) {
        NrmUser user = NrmUser.current();
        SupportPlans.Referral referral = own(referralId, user);
        InvalidParameter.text("reason", body.reason(), 2_000);
        steps.decline(referral, body, user);
    }

    @PostMapping("/api/service-referrals/{referralId}/delivery")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deliver(@PathVariable String referralId, @Valid @RequestBody SupportRequests.Notes body) {
        NrmUser user = NrmUser.current();
        SupportPlans.Referral referral = own(referralId, user);
        InvalidParameter.text("notes", body.notes(), 2_000);
        steps.deliver(referral, body, user);
    }

    @PostMapping("/api/service-referrals/{referralId}/closure")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void close(@PathVariable String referralId, @Valid @RequestBody SupportRequests.Notes body) {
        NrmUser user = NrmUser.current();
        SupportPlans.Referral referral = own(referralId, user);
        InvalidParameter.text("notes", body.notes(), 2_000);
        steps.close(referral, body, user);
    }

    /** What a referral says without personal data: the plan's owner and the provider read this. */
    static Map<String, Object> summary(SupportPlans.Referral referral) {
        var out = new LinkedHashMap<String, Object>();
        out.put("referralId", referral.referralId());
        out.put("need", referral.need());
        out.put("providerId", referral.providerId());
        out.put("providerAgency", referral.providerAgency());
        out.put("child", referral.child());
        out.put("status", referral.status());
        out.put("referredAt", referral.referredAt());
        out.put("acceptedAt", referral.acceptedAt());
        out.put("declinedAt", referral.declinedAt());
        out.put("deliveredAt", referral.deliveredAt());
        out.put("closedAt", referral.closedAt());
        return out;
    }

    /** The referral, when it was sent to the user's agency; else 404, as for one that does not exist. */
    private SupportPlans.Referral own(String referralId, NrmUser user) {
        return referralReads.sentTo(referralId, user.agency())
                .orElseThrow(() -> new NotFound("No service referral " + referralId + " sent to your agency."));
    }

    private static void noFields(Map<String, Object> body) {
        if (body != null && !body.isEmpty()) {
            throw new InvalidParameter(body.keySet().iterator().next(), "This step takes no fields.");
        }
    }
}
