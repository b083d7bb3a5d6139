package org.nrm.app.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nrm.app.cases.CaseRecords;
import org.nrm.app.config.JurisdictionProperties;
import org.nrm.app.oversight.ReportingPeriod;
import org.nrm.app.protection.EventIntegrity;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.oversight.Cell;
import org.nrm.projections.oversight.OversightStatistics;
import org.nrm.projections.oversight.StatisticsCsv;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The national rapporteur: statistics of a period, any case's audit timeline and integrity, the read log. */
@Controller
class OversightPages {

    /** A published breakdown: its cells (a suppressed one has no count) and its chart. */
    record Breakdown(String title, List<Cell> cells, BarChart chart) {
    }

    /** One category of reports from the public: received, led to a referral, to a positive reasonable grounds. */
    record ReportRow(String category, Cell received, Cell ledToReferral, Cell positiveReasonableGrounds) {
    }

    private final OversightStatistics statistics;
    private final org.nrm.app.reports.PublicReportStatistics publicReports;
    private final org.nrm.projections.oversight.ProsecutionStatistics prosecutions;
    private final JurisdictionProperties jurisdiction;
    private final Clock clock;
    private final CaseViews views;
    private final CaseRecords records;
    private final EventIntegrity integrity;
    private final PersonalDataReads reads;
    private final PageFormat format;

    OversightPages(OversightStatistics statistics, JurisdictionProperties jurisdiction, Clock clock, CaseViews views,
                   CaseRecords records, EventIntegrity integrity, PersonalDataReads reads, PageFormat format,
                   org.nrm.app.reports.PublicReportStatistics publicReports,
                   org.nrm.projections.oversight.ProsecutionStatistics prosecutions) {
        this.statistics = statistics;
        this.publicReports = publicReports;
        this.prosecutions = prosecutions;
        this.jurisdiction = jurisdiction;
        this.clock = clock;
        this.views = views;
        this.records = records;
        this.integrity = integrity;
        this.reads = reads;
        this.format = format;
    }

    @GetMapping("/statistics")
    @SuppressWarnings("unchecked")
    String statistics(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                      Model model, jakarta.servlet.http.HttpServletResponse response) {
        ReportingPeriod period;
        try {
            period = period(from, to);
        } catch (ReportingPeriod.Invalid invalid) {
            response.setStatus(400);
            model.addAttribute("periodError", invalid.field());
            period = ReportingPeriod.currentQuarter(jurisdiction.zone(), clock);
        }
        Map<String, Object> figures = statistics.between(period.from(), period.to());
        Map<String, Object> referrals = (Map<String, Object>) figures.get("referrals");
        List<Breakdown> breakdowns = new ArrayList<>();
        for (String name : List.of("byReferringAgency", "bySex", "byAgeGroupAtReferral", "byExploitationLocation",
                "byNationality")) {
            breakdowns.add(breakdown("statistics." + name, (List<Cell>) referrals.get(name)));
        }
        for (String decision : List.of("reasonableGrounds", "conclusiveGrounds")) {
            var d = (Map<String, Object>) figures.get(decision);
            breakdowns.add(breakdown("statistics." + decision, (List<Cell>) d.get("byOutcome")));
        }
        var breaches = (Map<String, Object>) figures.get("deadlineBreaches");
        breakdowns.add(breakdown("statistics.breachesByTask", (List<Cell>) breaches.get("byTask")));
        var reconsiderations = (Map<String, Object>) figures.get("reconsiderations");
        model.addAttribute("period", period);
        model.addAttribute("figures", figures);
        model.addAttribute("totalReferrals", referrals.get("total"));
        model.addAttribute("reconsiderations", reconsiderations);
        model.addAttribute("breakdowns", breakdowns);
        // reports from the public (issue #17): by channel and campaign, and what they led to
        Map<String, Object> reports = publicReports.between(period.from(), period.to());
        model.addAttribute("publicReports", reports);
        model.addAttribute("reportsByChannel", reportRows((Map<String, Object>) reports.get("byChannel")));
        model.addAttribute("reportsByCampaign", reportRows((Map<String, Object>) reports.get("byCampaign")));
        // prosecutions linked to identified victims, for the years of the period
        model.addAttribute("prosecutions", prosecutions.between(period.firstDay().getYear(),
                period.lastDay().getYear()));
        return "statistics";
    }

    @GetMapping("/statistics/csv")
    ResponseEntity<String> csv(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        ReportingPeriod period;
        try {
            period = period(from, to);
        } catch (ReportingPeriod.Invalid invalid) {
            // a period that cannot be read: back to the statistics page, which marks the field (400), no download
            return ResponseEntity.status(303).location(org.springframework.web.util.UriComponentsBuilder
                    .fromPath("/statistics").queryParamIfPresent("from", java.util.Optional.ofNullable(from))
                    .queryParamIfPresent("to", java.util.Optional.ofNullable(to)).encode().build().toUri()).build();
        }
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"nrm-statistics-" + period.firstDay() + "-"
                        + period.lastDay() + ".csv\"")
                .body(StatisticsCsv.of(statistics.between(period.from(), period.to())));
    }

    @GetMapping("/audit")
    String audit(Model model) {
        model.addAttribute("cases", views.recent(50));
        return "audit";
    }

    /** Finds a case by its public reference (posted, so it stays out of URLs and logs). */
    @PostMapping("/audit/find")
    String find(@RequestParam(defaultValue = "") String reference, RedirectAttributes redirect) {
        return views.caseIdOf(reference.strip().toUpperCase(java.util.Locale.ROOT))
                .map(id -> "redirect:/audit/cases/" + id)
                .orElseGet(() -> {
                    redirect.addFlashAttribute("notFound", reference.strip());
                    return "redirect:/audit";
                });
    }

    @GetMapping("/audit/cases/{caseId}")
    String auditCase(@PathVariable String caseId, Model model) {
        NrmUser user = NrmUser.current();
        var history = records.history(user, caseId, null, "audit").orElseThrow(PageNotFound::new);
        model.addAttribute("view", views.find(caseId).orElse(null));
        model.addAttribute("caseId", caseId);
        model.addAttribute("history", history);
        model.addAttribute("integrity", integrity.verify(caseId));
        model.addAttribute("reads", reads.list(caseId, 200));
        return "audit-case";
    }

    @GetMapping("/audit/reads")
    String reads(Model model) {
        model.addAttribute("reads", reads.list(null, 500));
        return "reads";
    }

    @SuppressWarnings("unchecked")
    private static List<ReportRow> reportRows(Map<String, Object> breakdown) {
        List<Cell> received = (List<Cell>) breakdown.get("received");
        List<Cell> led = (List<Cell>) breakdown.get("ledToReferral");
        List<Cell> positive = (List<Cell>) breakdown.get("positiveReasonableGrounds");
        List<ReportRow> rows = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            rows.add(new ReportRow(received.get(i).category(), received.get(i), led.get(i), positive.get(i)));
        }
        return rows;
    }

    private ReportingPeriod period(String from, String to) {
        // the page's date fields give the last day of the period; the period runs to the end of it
        String end = to == null || to.isBlank() ? to : nextDay(to);
        return ReportingPeriod.of(from, end, jurisdiction.zone(), clock);
    }

    private static String nextDay(String date) {
        try {
            return java.time.LocalDate.parse(date.strip()).plusDays(1).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return date;
        }
    }

    private Breakdown breakdown(String title, List<Cell> cells) {
        List<Cell> shown = cells == null ? List.of() : cells;
        List<Cell> counted = shown.stream().filter(c -> !c.suppressed() && c.count() != null).toList();
        BarChart chart = BarChart.of(title, "statistics.count", null,
                counted.stream().map(c -> c.category() == null ? format.label("statistics", "unknown")
                        : format.label("code", c.category())).toList(),
                counted.stream().map(Cell::count).toList(), counted.stream().map(c -> 0L).toList());
        return new Breakdown(title, shown, chart);
    }
}
