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

    OversightController(EventIntegrity integrity, PersonalDataReads reads, CaseHistory history) {
        this.integrity = integrity;
        this.reads = reads;
        this.history = history;
    }

    @GetMapping("/cases/{caseId}/integrity")
    EventIntegrity.Report integrity(@PathVariable String caseId) {
        if (!history.exists(caseId)) {
            throw NotFound.aCase(caseId);
        }
        return integrity.verify(caseId);
    }

    @GetMapping("/personal-data-reads")
    List<PersonalDataReads.Read> personalDataReads(@RequestParam(required = false) String caseId) {
        return reads.list(caseId, 1000);
    }
}
