package org.nrm.app.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nrm.app.reports.PublicReportRequest;
import org.nrm.app.reports.PublicReports;
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
    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    PublicReportPages(PublicReports reports) {
        this.reports = reports;
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

    /** A report as the triage agency reads it (its inbox links here): what was seen, where, when, the contact. */
    @GetMapping("/reports/{reportId}")
    String triage(@org.springframework.web.bind.annotation.PathVariable String reportId, Model model) {
        try {
            model.addAttribute("report", reports.details(reportId, signedIn()));
        } catch (org.nrm.app.api.NotFound notFound) {
            throw new PageNotFound();
        }
        return "public-report-triage";
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
