package org.nrm.app.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.axonframework.commandhandling.CommandExecutionException;
import org.nrm.app.cases.ConsentRequests;
import org.nrm.app.cases.ConsentSteps;
import org.nrm.app.security.Access;
import org.nrm.app.security.CaseStepAccess;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.ConsentScope;
import org.nrm.referral.model.CaseRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page's consent section: the consent records (who took them, when, withdrawn when) for everyone who sees the
 * case, and the forms to record a consent or its withdrawal for who may take consent on it (an involved first
 * responder, support or shelter provider, child services, competent authority). A refusal comes back to the page with
 * the rule's message.
 */
@Controller
class ConsentPages {

    private final ConsentSteps consents;
    private final Access access;
    private final CaseStepAccess steps;

    ConsentPages(ConsentSteps consents, Access access, CaseStepAccess steps) {
        this.consents = consents;
        this.access = access;
        this.steps = steps;
    }

    void addTo(Model model, NrmUser user, String caseId, boolean acting, boolean closed) {
        model.addAttribute("consents", consents.view(caseId));
        model.addAttribute("consentScopes", List.of(ConsentScope.values()));
        model.addAttribute("mayTakeConsent", acting && !closed && steps.mayTakeConsent(user));
    }

    @PostMapping("/cases/{caseId}/consents")
    String give(@PathVariable String caseId, @RequestParam(name = "scopes", required = false) List<String> scopes,
                @RequestParam(name = "agencies", required = false) List<String> agencies,
                RedirectAttributes redirect) {
        NrmUser user = requireActing(caseId);
        var parsed = new LinkedHashSet<ConsentScope>();
        for (String scope : scopes == null ? List.<String>of() : scopes) {
            ConsentScope value = scope(scope);
            if (value == null) {
                throw new PageNotFound();
            }
            parsed.add(value);
        }
        if (parsed.isEmpty()) {
            redirect.addFlashAttribute("consentProblem", "Choose at least one scope.");
            return "redirect:/cases/" + caseId;
        }
        var request = new ConsentRequests.Consent(parsed, agencies == null ? List.of() : new ArrayList<>(agencies));
        return run(caseId, redirect, "consents.done", () -> consents.give(caseId, request, user));
    }

    @PostMapping("/cases/{caseId}/consents/{scope}/withdrawal")
    String withdraw(@PathVariable String caseId, @PathVariable String scope,
                    @RequestParam(name = "agency", required = false) String agency, RedirectAttributes redirect) {
        NrmUser user = requireActing(caseId);
        ConsentScope parsed = scope(scope);
        if (parsed == null) {
            throw new PageNotFound();
        }
        var request = new ConsentRequests.Withdrawal(agency == null || agency.isBlank() ? List.of() : List.of(agency),
                null);
        return run(caseId, redirect, "consents.withdrawalDone", () -> consents.withdraw(caseId, parsed, request, user));
    }

    private String run(String caseId, RedirectAttributes redirect, String notice, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("notice", notice);
        } catch (CaseRuleViolation | CommandExecutionException e) {
            redirect.addFlashAttribute("consentProblem", e.getMessage());
        }
        return "redirect:/cases/" + caseId;
    }

    private NrmUser requireActing(String caseId) {
        NrmUser user = NrmUser.current();
        if (!steps.mayTakeConsent(user) || !access.mayActOn(user, caseId)) {
            throw new PageNotFound();
        }
        return user;
    }

    private static ConsentScope scope(String text) {
        try {
            return ConsentScope.valueOf(text.strip().replace('-', '_').toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
