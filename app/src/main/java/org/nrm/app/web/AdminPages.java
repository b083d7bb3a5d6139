package org.nrm.app.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nrm.app.consistency.ConsistencyChecker;
import org.nrm.app.consistency.EngineIncidents;
import org.nrm.projections.operations.ProjectionOperations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrator: every event processor's status, their dead letters, replay and retry; the consistency check of
 * one case or all; the engine's open incidents and their retry. The same services as {@code /api/admin/**}; Cockpit
 * is linked.
 */
@Controller
class AdminPages {

    /** The case-id field's longest value, as {@code GET /api/admin/consistency} accepts it. */
    private static final int CASE_ID_MAX = 64;

    private final ProjectionOperations operations;
    private final ConsistencyChecker checker;
    private final EngineIncidents incidents;

    AdminPages(ProjectionOperations operations, ConsistencyChecker checker, EngineIncidents incidents) {
        this.operations = operations;
        this.checker = checker;
        this.incidents = incidents;
    }

    @GetMapping("/admin")
    String admin(Model model) {
        Map<String, List<ProjectionOperations.DeadLetterView>> deadLetters = new LinkedHashMap<>();
        List<Map<String, Object>> processors = operations.status();
        processors.forEach(p -> {
            String group = (String) p.get("processingGroup");
            deadLetters.put(group, operations.deadLetters(group));
        });
        model.addAttribute("processors", processors);
        model.addAttribute("deadLetters", deadLetters);
        model.addAttribute("incidents", incidents.open());
        if (!model.containsAttribute("caseId")) {
            model.addAttribute("caseId", "");
        }
        return "admin";
    }

    /** Checks one case, or every case for "all" or an empty field; the findings are shown on the page. */
    @PostMapping("/admin/consistency")
    String consistency(@RequestParam(defaultValue = "") String caseId, Model model, HttpServletResponse response) {
        String wanted = caseId.strip();
        model.addAttribute("caseId", wanted);
        if (wanted.length() > CASE_ID_MAX || wanted.chars().anyMatch(Character::isISOControl)) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("caseIdError", "admin.consistency.caseIdInvalid");
            return admin(model);
        }
        boolean all = wanted.isEmpty() || "all".equals(wanted.toLowerCase(Locale.ROOT));
        model.addAttribute("checkedAll", all);
        model.addAttribute("report", all ? checker.checkAll() : checker.checkCase(wanted));
        return admin(model);
    }

    @PostMapping("/admin/processors/{group}/replay")
    String replay(@PathVariable String group, RedirectAttributes redirect) {
        known(group);
        if (!operations.replayable(group)) {
            throw new PageNotFound();
        }
        operations.replay(group);
        redirect.addFlashAttribute("notice", "admin.replaying");
        redirect.addFlashAttribute("noticeArgument", group);
        return "redirect:/admin";
    }

    @PostMapping("/admin/dead-letters/{group}/retry")
    String retry(@PathVariable String group, RedirectAttributes redirect) {
        known(group);
        int succeeded = operations.retryDeadLetters(group);
        redirect.addFlashAttribute("notice", "admin.retried");
        redirect.addFlashAttribute("noticeArgument", succeeded);
        return "redirect:/admin";
    }

    @PostMapping("/admin/incidents/{incidentId}/retry")
    String retryIncident(@PathVariable String incidentId, RedirectAttributes redirect) {
        try {
            Map<String, Object> incident = incidents.retry(incidentId);
            redirect.addFlashAttribute("notice", "admin.incidents.retrying");
            redirect.addFlashAttribute("noticeArgument", incident.get("activityId"));
        } catch (EngineIncidents.Unknown e) {
            redirect.addFlashAttribute("notice", "admin.incidents.gone");
            redirect.addFlashAttribute("noticeArgument", incidentId);
        } catch (EngineIncidents.NotAFailedJob e) {
            redirect.addFlashAttribute("notice", "admin.incidents.notAJob");
            redirect.addFlashAttribute("noticeArgument", incidentId);
        }
        return "redirect:/admin";
    }

    private void known(String group) {
        if (!operations.knows(group)) {
            throw new PageNotFound();
        }
    }
}
