package org.nrm.app.api;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.oversight.ReportingPeriod;
import org.nrm.projections.oversight.ProsecutionStatistics;
import org.nrm.projections.oversight.Trends;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What agencies learn together (issue 17): the trends view of law-enforcement, prosecution and immigration agencies
 * and its HTCDS export for a partner country's agencies; and oversight's prosecutions linked to identified victims.
 * No personal data in any of them; small cells suppressed.
 */
@RestController
class TrendsController {

    private final Trends trends;
    private final ProsecutionStatistics prosecutions;
    private final JurisdictionProperties jurisdiction;
    private final java.time.Clock clock;

    TrendsController(Trends trends, ProsecutionStatistics prosecutions, JurisdictionProperties jurisdiction,
                     java.time.Clock clock) {
        this.trends = trends;
        this.prosecutions = prosecutions;
        this.jurisdiction = jurisdiction;
        this.clock = clock;
    }

    /** The cases referred in the whole quarters [from, to) touches (ISO dates; the current quarter without), by quarter and nationality. */
    @GetMapping("/api/trends")
    Map<String, Object> trends(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               @RequestParam(required = false) String nationality) {
        ReportingPeriod period = period(from, to);
        return trends.between(period.from(), period.to(), nationality(nationality));
    }

    /** The same figures as CSV in HTCDS 2.0's vocabulary. */
    @GetMapping("/api/trends/htcds")
    ResponseEntity<String> htcds(@RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to,
                                 @RequestParam(required = false) String nationality) {
        ReportingPeriod period = period(from, to);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"nrm-trends-htcds.csv\"")
                .body(trends.htcdsCsv(period.from(), period.to(), nationality(nationality)));
    }

    /** Investigations, charges, convictions, acquittals and sentences by year and exploitation type (this year without). */
    @GetMapping("/api/oversight/prosecutions")
    Map<String, Object> prosecutions(@RequestParam(required = false) String fromYear,
                                     @RequestParam(required = false) String toYear) {
        int current = LocalDate.now(clock.withZone(jurisdiction.zone())).getYear();
        int from = year("fromYear", fromYear, current);
        int to = year("toYear", toYear, from);
        if (to < from) {
            throw new InvalidParameter("toYear", "'toYear' must not be before 'fromYear'.");
        }
        return prosecutions.between(from, to);
    }

    private ReportingPeriod period(String from, String to) {
        try {
            return ReportingPeriod.of(from, to, jurisdiction.zone(), clock);
        } catch (ReportingPeriod.Invalid invalid) {
            throw new InvalidParameter(invalid.field(), invalid.getMessage());
        }
    }

    private static String nationality(String nationality) {
        if (nationality == null || nationality.isBlank()) {
            return null;
        }
        if (!nationality.matches("[A-Z]{2}")) {
            throw new InvalidParameter("nationality", "'nationality' must be an ISO 3166-1 alpha-2 code (VN).");
        }
        return nationality;
    }

    private static int year(String field, String text, int otherwise) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        if (!text.matches("\\d{4}") || Integer.parseInt(text) < 1900) {
            throw new InvalidParameter(field, "'" + field + "' must be a year (2026).");
        }
        return Integer.parseInt(text);
    }
}
