package org.nrm.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.nrm.app.config.ServiceDirectoryProperties;
import org.nrm.app.security.Access;
import org.nrm.app.security.CaseStepAccess;
import org.nrm.app.security.NrmUser;
import org.nrm.app.supportplan.SupportRequests;
import org.nrm.app.supportplan.SupportSteps;
import org.nrm.referral.api.SupportNeed;
import org.nrm.referral.model.CaseRuleViolation;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The support plan's forms on the case page: open the plan (a support provider involved in the case), assess a need,
 * refer a need to a provider of the directory and review the plan (its owner). The same checks as
 * {@code /api/cases/{id}/support-plan/**}: a user who may not keep a plan, or a case its agency is not involved in,
 * is 404; the request's constraints are the API's (Bean Validation of {@link SupportRequests}), a provider must be of
 * the directory, and the plan's rules are {@link SupportSteps}'. Bad input or a refused step shows the case page
 * again with the message by its field (400 / 409) and stores nothing.
 */
@Controller
class SupportPlanForms {

    private final SupportSteps steps;
    private final ServiceDirectoryProperties directory;
    private final Access access;
    private final CaseStepAccess stepAccess;
    private final FormErrors formErrors;
    private final CasePages casePages;
    private final PageFormat format;
    private final SupportPlanPages planPages;

    SupportPlanForms(SupportSteps steps, ServiceDirectoryProperties directory, Access access,
                     CaseStepAccess stepAccess, FormErrors formErrors, CasePages casePages, PageFormat format,
                     SupportPlanPages planPages) {
        this.steps = steps;
        this.directory = directory;
        this.access = access;
        this.stepAccess = stepAccess;
        this.formErrors = formErrors;
        this.casePages = casePages;
        this.format = format;
        this.planPages = planPages;
    }

    @PostMapping("/cases/{caseId}/support-plan")
    String open(@PathVariable String caseId, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = keeper(caseId);
        return run(caseId, "support.open.", new LinkedHashMap<>(), () -> steps.open(caseId, user), model, redirect,
                response);
    }

    @PostMapping("/cases/{caseId}/support-plan/needs")
    String assess(@PathVariable String caseId, @RequestParam(defaultValue = "") String need,
                  @RequestParam(defaultValue = "") String notes, Model model, RedirectAttributes redirect,
                  HttpServletResponse response) {
        NrmUser user = keeper(caseId);
        var request = new SupportRequests.Need(need(need), blank(notes));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("need", need);
        values.put("notes", notes);
        return step(caseId, "support.need.", request, values, Map.of(),
                () -> steps.assessNeed(caseId, request, user), model, redirect, response);
    }

    @PostMapping("/cases/{caseId}/support-plan/referrals")
    String refer(@PathVariable String caseId, @RequestParam(defaultValue = "") String need,
                 @RequestParam(defaultValue = "") String providerId, @RequestParam(defaultValue = "") String note,
                 Model model, RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = keeper(caseId);
        var request = new SupportRequests.Referral(need(need), blank(providerId), blank(note));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("need", need);
        values.put("providerId", providerId);
        values.put("note", note);
        var provider = request.providerId() == null ? null : directory.provider(request.providerId()).orElse(null);
        Map<String, String> more = provider == null && request.providerId() != null
                ? Map.of("support.referral.providerId", formErrors.message("validation.providerId.unknown"))
                : Map.of();
        return step(caseId, "support.referral.", request, values, more,
                () -> steps.refer(caseId, request, provider, user), model, redirect, response);
    }

    @PostMapping("/cases/{caseId}/support-plan/review")
    String review(@PathVariable String caseId, @RequestParam(defaultValue = "") String notes, Model model,
                  RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = keeper(caseId);
        var request = new SupportRequests.Review(blank(notes));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("notes", notes);
        return step(caseId, "support.review.", request, values, Map.of(), () -> steps.review(caseId, request, user),
                model, redirect, response);
    }

    private String step(String caseId, String prefix, Object request, Map<String, String> values,
                        Map<String, String> more, Runnable action, Model model, RedirectAttributes redirect,
                        HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>(formErrors.of(request, prefix));
        more.forEach(errors::putIfAbsent);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return casePages.show(caseId, model, errors, prefixed(prefix, values), null);
        }
        return run(caseId, prefix, values, action, model, redirect, response);
    }

    private String run(String caseId, String prefix, Map<String, String> values, Runnable action, Model model,
                       RedirectAttributes redirect, HttpServletResponse response) {
        try {
            action.run();
        } catch (CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            return casePages.show(caseId, model, Map.of(prefix + "rule", ruleMessage(e, values)),
                    prefixed(prefix, values), null);
        }
        redirect.addFlashAttribute("notice", prefix + "done");
        return "redirect:/cases/" + caseId + "#support-heading";
    }

    /**
     * The plan's rule in words: the bundle's {@code support.rule.<rule>} with the need's and the provider's names
     * ("The need Medical care is already on the plan."), else the rule's own message.
     */
    private String ruleMessage(RuntimeException e, Map<String, String> values) {
        String message = CasePages.ruleMessage(e);
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        String need = values.get("need");
        String providerId = values.get("providerId");
        return formErrors.message("support.rule." + ((CaseRuleViolation) cause).rule(), message,
                need == null ? "" : format.label("need", need.strip()),
                providerId == null ? "" : planPages.providerName(providerId.strip()));
    }

    /** A support provider's case worker or lead acting on the case; else 404, as for a case that does not exist. */
    private NrmUser keeper(String caseId) {
        NrmUser user = NrmUser.current();
        if (!stepAccess.mayKeepSupportPlan(user) || !access.mayActOn(user, caseId)) {
            throw new PageNotFound();
        }
        return user;
    }

    private static SupportNeed need(String value) {
        try {
            return value == null || value.isBlank() ? null : SupportNeed.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
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
