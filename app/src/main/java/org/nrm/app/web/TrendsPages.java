package org.nrm.app.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.oversight.ReportingPeriod;
import org.nrm.projections.oversight.Trends;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What agencies learn together (issue 17): the trends view of law-enforcement, prosecution and immigration agencies
 * ({@code /trends}; the same {@link Trends} as {@code GET /api/trends}): routes, documents used at the border,
 * recruitment and control methods and exploitation sectors of the cases referred in a period, per quarter and
 * nationality, suppressed cells shown as such; and its HTCDS export ({@code /trends/htcds}, CSV).
 */
@Controller
class TrendsPages {

    private final Trends trends;
    private final JurisdictionProperties jurisdiction;
    private final Clock clock;

    TrendsPages(Trends trends, JurisdictionProperties jurisdiction, Clock clock) {
        this.trends = trends;
        this.jurisdiction = jurisdiction;
        this.clock = clock;
    }

    @GetMapping("/trends")
    @SuppressWarnings("unchecked")
    String trends(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                  @RequestParam(required = false) String nationality, Model model,
                  jakarta.servlet.http.HttpServletResponse response) {
        Map<String, String> errors = new LinkedHashMap<>();
        ReportingPeriod period;
        try {
            period = period(from, to);
        } catch (ReportingPeriod.Invalid invalid) {
            errors.put(invalid.field(), "statistics.periodError");
            period = ReportingPeriod.currentQuarter(jurisdiction.zone(), clock);
        }
        String country = nationality == null ? "" : nationality.strip().toUpperCase(java.util.Locale.ROOT);
        if (!country.isEmpty() && !org.nrm.app.referral.IsoCodes.isCountry(country)) {
            errors.put("nationality", "trends.nationalityError");
            country = "";
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
        }
        Map<String, Object> figures = trends.between(period.from(), period.to(), country.isEmpty() ? null : country);
        Map<String, List<Trends.TrendCell>> breakdowns = new LinkedHashMap<>();
        for (String name : Trends.HTCDS_FIELDS.keySet()) {
            breakdowns.put(name, (List<Trends.TrendCell>) figures.get(name));
        }
        model.addAttribute("period", period);
        model.addAttribute("nationality", country);
        model.addAttribute("errors", errors);
        model.addAttribute("threshold", figures.get("suppressionThreshold"));
        model.addAttribute("breakdowns", breakdowns);
        return "trends";
    }

    @GetMapping("/trends/htcds")
    ResponseEntity<String> htcds(@RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String nationality) {
        ReportingPeriod period = null;
        try {
            period = period(from, to);
        } catch (ReportingPeriod.Invalid invalid) {
            // below: back to the page, which marks what cannot be read
        }
        String country = nationality == null || nationality.isBlank() ? null
                : nationality.strip().toUpperCase(java.util.Locale.ROOT);
        if (period == null || (country != null && !org.nrm.app.referral.IsoCodes.isCountry(country))) {
            return ResponseEntity.status(303).location(org.springframework.web.util.UriComponentsBuilder
                    .fromPath("/trends").queryParamIfPresent("from", java.util.Optional.ofNullable(from))
                    .queryParamIfPresent("to", java.util.Optional.ofNullable(to))
                    .queryParamIfPresent("nationality", java.util.Optional.ofNullable(nationality))
                    .encode().build().toUri()).build();
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"nrm-trends-htcds.csv\"")
                .body(trends.htcdsCsv(period.from(), period.to(), country));
    }

    private ReportingPeriod period(String from, String to) {
        // the page's date fields give the last day of the period; the period runs to the end of it
        String end = to;
        if (to != null && !to.isBlank()) {
            try {
                end = java.time.LocalDate.parse(to.strip()).plusDays(1).toString();
            } catch (java.time.format.DateTimeParseException e) {
                end = to;
            }
        }
        return ReportingPeriod.of(from, end, jurisdiction.zone(), clock);
    }
}
