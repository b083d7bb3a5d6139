package org.nrm.app.api;

import java.util.List;
import org.nrm.app.protection.EventIntegrity;
import org.nrm.app.protection.PersonalDataReads;
import org.nrm.projections.cases.CaseHistory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The national rapporteur's audit: integrity of the record, and who read personal data. */
@RestController
@RequestMapping("/api/oversight")
class OversightController {

    private final EventIntegrity integrity;
    private final PersonalDataReads reads;
    private final CaseHistory history;
    private final org.nrm.projections.oversight.OversightStatistics statistics;
    private final org.nrm.projections.oversight.HtcdsExport htcds;
    private final org.nrm.app.config.JurisdictionProperties jurisdiction;
    private final java.time.Clock clock;
    private final org.nrm.app.reports.PublicReportStatistics publicReports;

    OversightController(EventIntegrity integrity, PersonalDataReads reads, CaseHistory history,
                        org.nrm.projections.oversight.OversightStatistics statistics,
                        org.nrm.projections.oversight.HtcdsExport htcds,
                        org.nrm.app.config.JurisdictionProperties jurisdiction, java.time.Clock clock,
                        org.nrm.app.reports.PublicReportStatistics publicReports) {
        this.publicReports = publicReports;
        this.clock = clock;
        this.htcds = htcds;
        this.jurisdiction = jurisdiction;
        this.integrity = integrity;
        this.reads = reads;
        this.history = history;
        this.statistics = statistics;
    }

    @GetMapping("/cases/{caseId}/integrity")
    EventIntegrity.Report integrity(@PathVariable String caseId) {
        if (!history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        return integrity.verify(caseId);
    }

    /**
     * The published breakdowns for [from, to): ISO dates (UTC midnight; whole days, never moments), the current quarter without
     * either; CSV with {@code format=csv}, JSON without it or with {@code format=json}; any other format a 400.
     */
    @GetMapping("/statistics")
    org.springframework.http.ResponseEntity<?> statistics(
            @io.swagger.v3.oas.annotations.Parameter(description = "The period's first day (an ISO date, UTC midnight),"
                    + " counted; with to, or neither for the current quarter")
            @RequestParam(required = false) String from,
            @io.swagger.v3.oas.annotations.Parameter(description = "The first day after the period, not"
                    + " counted: [from, to); a quarter is from=2026-10-01&to=2027-01-01")
            @RequestParam(required = false) String to,
            @io.swagger.v3.oas.annotations.Parameter(description = "csv for a CSV download; json (the default)")
            @RequestParam(required = false) String format) {
        if (format != null && !"csv".equalsIgnoreCase(format) && !"json".equalsIgnoreCase(format)) {
            throw new InvalidParameter("format", "must be csv or json (json without it)");
        }
        org.nrm.app.oversight.ReportingPeriod period;
        try {
            period = org.nrm.app.oversight.ReportingPeriod.of(from, to, jurisdiction.zone(), clock);
        } catch (org.nrm.app.oversight.ReportingPeriod.Invalid invalid) {
            throw new InvalidParameter(invalid.field(), invalid.getMessage());
        }
        var figures = statistics.between(period.from(), period.to());
        // reports from the public (issue #17): by channel and campaign, and what they led to
        figures.put("publicReports", publicReports.between(period.from(), period.to()));
        if ("csv".equalsIgnoreCase(format)) {
            return org.springframework.http.ResponseEntity.ok()
                    .contentType(new org.springframework.http.MediaType("text", "csv",
                            java.nio.charset.StandardCharsets.UTF_8))
                    .header("Content-Disposition", "attachment; filename=\"nrm-statistics.csv\"")
                    .body(org.nrm.projections.oversight.StatisticsCsv.of(figures));
        }
        return org.springframework.http.ResponseEntity.ok(figures);
    }

    /** Cases in the HTCDS 2.0 vocabulary (CSV), k-anonymised; the report of disclosure control in the headers. */
    @GetMapping("/export/htcds")
    org.springframework.http.ResponseEntity<String> htcds() {
        return export(htcds.htcds(jurisdiction.countryCode()), "nrm-htcds.csv");
    }

    /** Cases in CTDC's column set (CSV), k-anonymised; the report of disclosure control in the headers. */
    @GetMapping("/export/ctdc")
    org.springframework.http.ResponseEntity<String> ctdc() {
        return export(htcds.ctdc(jurisdiction.countryCode()), "nrm-ctdc.csv");
    }

    private static org.springframework.http.ResponseEntity<String> export(
            org.nrm.projections.oversight.HtcdsExport.Export export, String file) {
        var report = export.report();
        return org.springframework.http.ResponseEntity.ok()
                .contentType(new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"")
                .header("NRM-Disclosure-K", String.valueOf(report.k()))
                .header("NRM-Disclosure-Records", String.valueOf(report.records()))
                .header("NRM-Disclosure-Suppressed", String.valueOf(report.suppressed()))
                .header("NRM-Disclosure-Generalised", String.join("; ", report.generalised().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()))
                .body(export.csv());
    }

    @GetMapping("/personal-data-reads")
    List<PersonalDataReads.Read> personalDataReads(@RequestParam(required = false) String caseId) {
        return reads.list(caseId, 1000);
    }
}
