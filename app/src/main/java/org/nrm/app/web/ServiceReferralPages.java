package org.nrm.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.nrm.app.security.NrmUser;
import org.nrm.app.supportplan.ServiceReferralReads;
import org.nrm.app.supportplan.SupportRequests;
import org.nrm.app.supportplan.SupportSteps;
import org.nrm.projections.support.SupportPlans;
import org.nrm.referral.model.CaseRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A service provider's referrals (the agency acting for a provider of the directory; the pages' chain lets no other
 * through): the list of those sent to its agency, and one referral with what it carries (the need, the provider, a
 * child or not, where it stands and, only while the person's consent to share data with the agency is in force, the
 * person's details and the note) and the provider's steps: accept, decline with a reason, deliver, close. It sees the
 * referral, not the case. A referral sent to another agency is 404. The services are the API's
 * ({@code /api/service-referrals/**}); bad input or a refused step shows the referral again with its message.
 */
@Controller
class ServiceReferralPages {

    private static final int MAX_REFERRALS = 500;

    private final SupportPlans plans;
    private final SupportSteps steps;
    private final ServiceReferralReads reads;
    private final FormErrors formErrors;

    ServiceReferralPages(SupportPlans plans, SupportSteps steps, ServiceReferralReads reads, FormErrors formErrors) {
        this.plans = plans;
        this.steps = steps;
        this.reads = reads;
        this.formErrors = formErrors;
    }

    @GetMapping("/service-referrals")
    String list(Model model) {
        model.addAttribute("referrals", plans.referralsTo(NrmUser.current().agency(), MAX_REFERRALS));
        return "service-referrals";
    }

    @GetMapping("/service-referrals/{referralId}")
    String one(@PathVariable String referralId, Model model) {
        return show(own(referralId), model, Map.of(), Map.of());
    }

    @PostMapping("/service-referrals/{referralId}/acceptance")
    String accept(@PathVariable String referralId, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        SupportPlans.Referral referral = own(referralId);
        return step(referral, "serviceReferral.accept.", null, Map.of(),
                () -> steps.accept(referral, NrmUser.current()), model, redirect, response);
    }

    @PostMapping("/service-referrals/{referralId}/decline")
    String decline(@PathVariable String referralId, @RequestParam(defaultValue = "") String reason, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        SupportPlans.Referral referral = own(referralId);
        var request = new SupportRequests.Decline(blank(reason));
        return step(referral, "serviceReferral.decline.", request, Map.of("reason", reason),
                () -> steps.decline(referral, request, NrmUser.current()), model, redirect, response);
    }

    @PostMapping("/service-referrals/{referralId}/delivery")
    String deliver(@PathVariable String referralId, @RequestParam(defaultValue = "") String notes, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        SupportPlans.Referral referral = own(referralId);
        var request = new SupportRequests.Notes(blank(notes));
        return step(referral, "serviceReferral.deliver.", request, Map.of("notes", notes),
                () -> steps.deliver(referral, request, NrmUser.current()), model, redirect, response);
    }

    @PostMapping("/service-referrals/{referralId}/closure")
    String close(@PathVariable String referralId, @RequestParam(defaultValue = "") String notes, Model model,
                 RedirectAttributes redirect, HttpServletResponse response) {
        SupportPlans.Referral referral = own(referralId);
        var request = new SupportRequests.Notes(blank(notes));
        return step(referral, "serviceReferral.close.", request, Map.of("notes", notes),
                () -> steps.close(referral, request, NrmUser.current()), model, redirect, response);
    }

    private String step(SupportPlans.Referral referral, String prefix, Object request, Map<String, String> values,
                        Runnable action, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, String> errors = request == null ? Map.of() : formErrors.of(request, prefix);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(referral, model, errors, prefixed(prefix, values));
        }
        try {
            action.run();
        } catch (CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            // above the steps: a stale step's form is no longer drawn (accept after accept, deliver after close)
            return show(referral, model, Map.of("rule", CasePages.ruleMessage(e)), prefixed(prefix, values));
        }
        redirect.addFlashAttribute("notice", prefix + "done");
        return "redirect:/service-referrals/" + referral.referralId();
    }

    private String show(SupportPlans.Referral referral, Model model, Map<String, String> errors,
                        Map<String, String> values) {
        // read again: a refused step shows where the referral stands now
        SupportPlans.Referral now = plans.referral(referral.referralId()).orElse(referral);
        model.addAttribute("referral", now);
        model.addAttribute("shared", reads.shared(now, NrmUser.current()).orElse(null));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "service-referral";
    }

    private SupportPlans.Referral own(String referralId) {
        return reads.sentTo(referralId, NrmUser.current().agency()).orElseThrow(PageNotFound::new);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(prefix + k, FormErrors.shown(v)));
        return out;
    }
}
