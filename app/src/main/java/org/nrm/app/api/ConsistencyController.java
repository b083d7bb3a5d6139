package org.nrm.app.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.consistency.ConsistencyReport;
import org.nrm.app.consistency.EngineIncidents;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations after an incident (admin only, no personal data): the consistency check of the events, the engine and
 * the projections, and the engine's incidents (a service task whose retries are exhausted) with their retry. The
 * administration page uses the same services.
 */
@RestController
@RequestMapping("/api/admin")
class ConsistencyController {

    private final ConsistencyChecker checker;
    private final EngineIncidents incidents;

    ConsistencyController(ConsistencyChecker checker, EngineIncidents incidents) {
        this.checker = checker;
        this.incidents = incidents;
    }

    @GetMapping("/consistency")
    ConsistencyReport consistency(@RequestParam(required = false) String caseId) {
        if (caseId != null && (caseId.isBlank() || caseId.length() > 64)) {
            throw new InvalidParameter("caseId", "'caseId' must be a case id of 1 to 64 characters.");
        }
        return caseId == null ? checker.checkAll() : checker.checkCase(caseId);
    }

    @GetMapping("/incidents")
    List<Map<String, Object>> incidents() {
        return incidents.open();
    }

    /**
     * Gives the failed job of the incident one more try, now: the engine runs it again and, if it succeeds, resolves
     * the incident; if the cause persists, a new incident is raised.
     */
    @PostMapping("/incidents/{incidentId}/retry")
    Map<String, Object> retry(@PathVariable String incidentId) {
        try {
            Map<String, Object> out = new LinkedHashMap<>(incidents.retry(incidentId));
            out.put("retrying", true);
            return out;
        } catch (EngineIncidents.Unknown e) {
            throw new NotFound(e.getMessage());
        } catch (EngineIncidents.NotAFailedJob e) {
            throw new InvalidParameter("incidentId", e.getMessage());
        }
    }
}
