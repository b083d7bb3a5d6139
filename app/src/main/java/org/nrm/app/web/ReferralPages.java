package org.nrm.app.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nrm.app.referral.ReferralReceipt;
import org.nrm.app.referral.ReferralRequest;
import org.nrm.app.referral.ReferralService;
import org.nrm.app.reports.PublicReports;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.ReportTriageAccess;
import org.nrm.referral.api.AgeBand;
import org.nrm.referral.api.ExploitationDuration;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.Indicator;
import org.nrm.referral.api.LabourSector;
import org.nrm.referral.api.RecruiterRelation;
import org.nrm.referral.api.RecruitmentMethod;
import org.nrm.referral.api.SexualExploitationForm;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A first responder refers a person: the contract's referral body as a form; bad input stores nothing. The same form
 * turns a report from the public into a referral ({@code /reports/{id}/referral}, a triage case worker).
 */
@Controller
class ReferralPages {

    private final ReferralService referrals;
    private final FormErrors formErrors;
    private final org.nrm.app.referral.ScreeningProperties screeningLists;

    private final PublicReports reports;
    private final ReportTriageAccess triage;

    ReferralPages(ReferralService referrals, FormErrors formErrors,
                  org.nrm.app.referral.ScreeningProperties screeningLists, PublicReports reports,
                  ReportTriageAccess triage) {
        this.reports = reports;
        this.triage = triage;
        this.screeningLists = screeningLists;
        this.referrals = referrals;
        this.formErrors = formErrors;
    }

    @GetMapping("/referrals/new")
    String form(Model model) {
        return show(model, new ReferralForm(), Map.of());
    }

    @PostMapping("/referrals")
    String refer(@ModelAttribute("referral") ReferralForm form, Model model, RedirectAttributes redirect,
                 jakarta.servlet.http.HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        ReferralRequest request = form.toRequest(errors, formErrors.message("validation.unreadable"));
        formErrors.of(request, "").forEach(errors::putIfAbsent);
        if (errors.containsKey("person")) {
            errors.remove("person");
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(model, form, errors);
        }
        ReferralReceipt receipt;
        try {
            receipt = referrals.refer(request, NrmUser.current());
        } catch (org.nrm.workflow.tasks.WorkflowException invalid) {
            if (invalid.field() == null) {
                throw invalid;
            }
            // a screening code outside the jurisdiction's lists: nothing was stored (one transaction)
            response.setStatus(400);
            return show(model, form, Map.of(invalid.field(), invalid.getMessage()));
        }
        redirect.addFlashAttribute("notice", "referral.recorded");
        redirect.addFlashAttribute("noticeArgument", receipt.reference());
        return "redirect:/cases/" + receipt.caseId();
    }

    /** The referral form for a report from the public (a triage case worker): the case remembers the report. */
    @GetMapping("/reports/{reportId}/referral")
    String formForReport(@PathVariable String reportId, Model model) {
        var report = openReport(reportId);
        return showForReport(model, report, new ReferralForm(), Map.of());
    }

    @PostMapping("/reports/{reportId}/referral")
    String referReport(@PathVariable String reportId, @ModelAttribute("referral") ReferralForm form, Model model,
                       RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response) {
        var report = openReport(reportId);
        Map<String, String> errors = new LinkedHashMap<>();
        ReferralRequest request = form.toRequest(errors, formErrors.message("validation.unreadable"));
        formErrors.of(request, "").forEach(errors::putIfAbsent);
        errors.remove("person");
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return showForReport(model, report, form, errors);
        }
        ReferralReceipt receipt;
        try {
            receipt = reports.refer(reportId, request, NrmUser.current());
        } catch (org.nrm.workflow.tasks.WorkflowException e) {
            if (e.kind() == org.nrm.workflow.tasks.WorkflowException.Kind.INVALID_INPUT && e.field() != null) {
                response.setStatus(400);
                return showForReport(model, report, form, Map.of(e.field(), e.getMessage()));
            }
            response.setStatus(409);
            model.addAttribute("reportRule", e.getMessage());
            return showForReport(model, report, form, Map.of());
        } catch (org.nrm.referral.model.CaseRuleViolation
                 | org.axonframework.commandhandling.CommandExecutionException e) {
            response.setStatus(409);
            model.addAttribute("reportRule", PublicReportPages.ruleMessage(e));
            return showForReport(model, report, form, Map.of());
        }
        redirect.addFlashAttribute("notice", "referral.recorded");
        redirect.addFlashAttribute("noticeArgument", receipt.reference());
        return "redirect:/cases/" + receipt.caseId();
    }

    /** The report, open, for a case worker of the triage agency; else 404. */
    private PublicReports.ListedReport openReport(String reportId) {
        NrmUser user = NrmUser.current();
        if (!triage.mayRefer(user)) {
            throw new PageNotFound();
        }
        try {
            return reports.summary(reportId);
        } catch (org.nrm.app.api.NotFound notFound) {
            throw new PageNotFound();
        }
    }

    private String showForReport(Model model, PublicReports.ListedReport report, ReferralForm form,
                                 Map<String, String> errors) {
        model.addAttribute("formAction", "/reports/" + report.reportId() + "/referral");
        model.addAttribute("fromReport", report);
        return show(model, form, errors);
    }

    private String show(Model model, ReferralForm form, Map<String, String> errors) {
        model.addAttribute("referral", form);
        model.addAttribute("errors", errors);
        model.addAttribute("genders", Arrays.stream(Gender.values()).map(Enum::name).toList());
        model.addAttribute("exploitationTypes", Arrays.stream(ExploitationType.values()).map(Enum::name).toList());
        model.addAttribute("locations", Arrays.stream(ExploitationLocation.values()).map(Enum::name).toList());
        model.addAttribute("indicators", Arrays.stream(Indicator.values()).map(Enum::name).toList());
        model.addAttribute("ageBands", names(AgeBand.values()));
        model.addAttribute("durations", names(ExploitationDuration.values()));
        model.addAttribute("recruiterRelations", names(RecruiterRelation.values()));
        model.addAttribute("recruitmentMethods", names(RecruitmentMethod.values()));
        model.addAttribute("labourSectors", names(LabourSector.values()));
        model.addAttribute("sexualExploitationForms", names(SexualExploitationForm.values()));
        model.addAttribute("screening", screeningLists);
        return "referral";
    }

    private static java.util.List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
