package org.nrm.app.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nrm.app.reports.PublicReportRequest;
import org.nrm.app.reports.PublicReports;
import org.nrm.app.reports.PublicReports.ListedReport;
import org.nrm.app.security.ReportTriageAccess;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.workflow.tasks.WorkflowException;
import org.axonframework.commandhandling.CommandExecutionException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.nrm.app.security.NrmUser;
import org.nrm.referral.api.ReportChannel;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public page to report a suspicion of trafficking ({@code /report}), reachable without signing in, in several
 * languages ({@code ?lang=en|vi|ro}, else the browser's; bundle {@code messages/report}): what was seen, where, when,
 * an optional contact and the campaign (a poster's link may name it: {@code ?campaign=}). It answers the receipt and
 * nothing else. The form carries the session's CSRF token; a signed-in hotline operator may also choose the channel.
 * Reports from the page are rate-limited like the API's (PublicReportRateLimit).
 */
@Controller
class PublicReportPages {

    static final List<String> LANGUAGES = List.of("en", "vi", "ro");
    private static final List<String> KEYS = List.of("title", "intro", "language", "description", "description.hint",
            "location", "occurredOn", "contact", "contact.hint", "channel", "channel.WEB", "channel.HOTLINE",
            "channel.OTHER", "campaign", "campaign.none", "submit", "thanks", "receipt", "receipt.hint", "another",
            "errors", "error.required", "error.invalid");

    private final PublicReports reports;
    private final FormErrors formErrors;
    private final ReportTriageAccess triage;
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    PublicReportPages(PublicReports reports, FormErrors formErrors, ReportTriageAccess triage) {
        this.reports = reports;
        this.formErrors = formErrors;
        this.triage = triage;
        messages.setBasename("messages/report");
        messages.setDefaultEncoding("ISO-8859-1");
        messages.setFallbackToSystemLocale(false);
    }

    @GetMapping("/report")
    String form(@RequestParam(required = false) String lang, @RequestParam(required = false) String campaign,
                Locale requestLocale, Model model) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("campaign", campaign != null && reports.campaigns().contains(campaign) ? campaign : "");
        form.put("channel", ReportChannel.WEB.name());
        return show(model, language(lang, requestLocale), form, Map.of());
    }

    @PostMapping("/report")
    String report(@RequestParam Map<String, String> form, Locale requestLocale, Model model,
                  jakarta.servlet.http.HttpServletResponse response) {
        String lang = language(form.get("lang"), requestLocale);
        Map<String, String> errors = new LinkedHashMap<>();
        String description = form.getOrDefault("description", "").strip();
        if (description.isEmpty()) {
            errors.put("description", "error.required");
        } else if (description.length() > 10_000) {
            errors.put("description", "error.invalid");
        }
        LocalDate occurredOn = null;
        String date = form.getOrDefault("occurredOn", "").strip();
        if (!date.isEmpty()) {
            try {
                occurredOn = LocalDate.parse(date);
                if (occurredOn.isAfter(LocalDate.now().plusDays(1))) {
                    errors.put("occurredOn", "error.invalid");
                }
            } catch (DateTimeParseException e) {
                errors.put("occurredOn", "error.invalid");
            }
        }
        String campaign = form.getOrDefault("campaign", "").strip();
        if (!campaign.isEmpty() && !reports.campaigns().contains(campaign)) {
            errors.put("campaign", "error.invalid");
        }
        ReportChannel channel = ReportChannel.WEB;
        NrmUser operator = signedIn();
        if (operator != null && form.get("channel") != null) {
            try {
                channel = ReportChannel.valueOf(form.get("channel"));
            } catch (IllegalArgumentException e) {
                errors.put("channel", "error.invalid");
            }
        }
        for (String field : List.of("location", "contact")) {
            if (form.getOrDefault(field, "").length() > 500) {
                errors.put(field, "error.invalid");
            }
        }
        // the one rule for free text (the API's too): no control characters but tabs and line breaks
        for (String field : List.of("description", "location", "contact")) {
            if (!errors.containsKey(field) && org.nrm.app.api.PlainText.hasControlCharacter(form.get(field))) {
                errors.put(field, "error.invalid");
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(model, lang, form, errors);
        }
        String receipt = reports.receive(new PublicReportRequest(description, form.get("location"), occurredOn,
                form.get("contact"), channel, campaign.isEmpty() ? null : campaign), operator);
        model.addAttribute("t", texts(lang));
        model.addAttribute("lang", lang);
        model.addAttribute("receipt", receipt);
        return "public-report-received";
    }

    /**
     * A report as the triage agency reads it (its inbox links here): what was seen, where, when, the contact; while it
     * is open, the triage forms: dismiss with a reason, merge into another report as its duplicate, and (a case
     * worker) the link to the referral form that turns it into a case.
     */
    @GetMapping("/reports/{reportId}")
    String triage(@PathVariable String reportId, Model model) {
        return showTriage(reportId, model, Map.of(), Map.of());
    }

    /** Dismisses the report with its reason; a blank reason shows the page again with the message, storing nothing. */
    @PostMapping("/reports/{reportId}/dismissal")
    String dismiss(@PathVariable String reportId, @RequestParam(defaultValue = "") String reason, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        ListedReport report = summary(reportId);
        Map<String, String> values = Map.of("dismissal.reason", reason);
        String text = reason.strip();
        if (text.isEmpty() || text.length() > 5_000 || org.nrm.app.api.PlainText.hasControlCharacter(text)) {
            response.setStatus(400);
            return showTriage(reportId, model, Map.of("dismissal.reason", formErrors.message(text.isEmpty()
                    ? "report.triage.error.reason" : text.length() > 5_000 ? "report.triage.error.reasonTooLong"
                    : "validation.controlCharacters")), values);
        }
        try {
            reports.dismiss(reportId, text, NrmUser.current());
        } catch (WorkflowException | CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            return showTriage(reportId, model, Map.of("triage.rule", ruleMessage(e)), values);
        }
        redirect.addFlashAttribute("notice", "report.triage.dismissed");
        redirect.addFlashAttribute("noticeArgument", report.receipt());
        return "redirect:/inbox";
    }

    /** Merges the report into another (one of those the page offers) as its duplicate. */
    @PostMapping("/reports/{reportId}/merge")
    String merge(@PathVariable String reportId, @RequestParam(defaultValue = "") String duplicateOf, Model model,
                 RedirectAttributes redirect, HttpServletResponse response) {
        ListedReport report = summary(reportId);
        Map<String, String> values = Map.of("merge.duplicateOf", duplicateOf);
        boolean offered = reports.mergeCandidates(reportId).stream()
                .anyMatch(candidate -> candidate.reportId().equals(duplicateOf));
        if (!offered) {
            response.setStatus(400);
            return showTriage(reportId, model, Map.of("merge.duplicateOf", formErrors.message(duplicateOf.isBlank()
                    ? "report.triage.error.duplicateOf" : "report.triage.error.unknownReport")), values);
        }
        try {
            reports.merge(reportId, duplicateOf, NrmUser.current());
        } catch (WorkflowException | CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            return showTriage(reportId, model, Map.of("triage.rule", ruleMessage(e)), values);
        }
        redirect.addFlashAttribute("notice", "report.triage.merged");
        redirect.addFlashAttribute("noticeArgument", report.receipt());
        return "redirect:/inbox";
    }

    private ListedReport summary(String reportId) {
        try {
            return reports.summary(reportId);
        } catch (org.nrm.app.api.NotFound notFound) {
            throw new PageNotFound();
        }
    }

    private String showTriage(String reportId, Model model, Map<String, String> errors, Map<String, String> values) {
        NrmUser user = signedIn();
        try {
            model.addAttribute("report", reports.details(reportId, user));
        } catch (org.nrm.app.api.NotFound notFound) {
            throw new PageNotFound();
        }
        model.addAttribute("candidates", reports.mergeCandidates(reportId));
        model.addAttribute("mayRefer", user != null && triage.mayRefer(user));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "public-report-triage";
    }

    static String ruleMessage(RuntimeException e) {
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof CaseRuleViolation || cause instanceof WorkflowException) {
            return cause.getMessage();
        }
        throw e;
    }

    private String show(Model model, String lang, Map<String, String> form, Map<String, String> errors) {
        model.addAttribute("t", texts(lang));
        model.addAttribute("lang", lang);
        model.addAttribute("languages", LANGUAGES);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("campaigns", reports.campaigns());
        model.addAttribute("operator", signedIn() != null);
        model.addAttribute("channels", List.of(ReportChannel.values()).stream().map(Enum::name).toList());
        return "public-report";
    }

    private Map<String, String> texts(String lang) {
        Map<String, String> texts = new LinkedHashMap<>();
        Locale locale = Locale.forLanguageTag(lang);
        for (String key : KEYS) {
            texts.put(key, messages.getMessage("report." + key, null, locale));
        }
        return texts;
    }

    /** The language asked for, else the browser's first supported one, else English. */
    static String language(String asked, Locale browser) {
        if (asked != null && LANGUAGES.contains(asked)) {
            return asked;
        }
        if (browser != null && LANGUAGES.contains(browser.getLanguage())) {
            return browser.getLanguage();
        }
        return "en";
    }

    private static NrmUser signedIn() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        try {
            return NrmUser.from(authentication);
        } catch (RuntimeException incomplete) {
            return null;
        }
    }
}
