package org.nrm.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nrm.projections.operations.ProjectionOperations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrator: the projections' status, their dead letters, replay and retry; Cockpit is linked. */
@Controller
class AdminPages {

    private final ProjectionOperations operations;

    AdminPages(ProjectionOperations operations) {
        this.operations = operations;
    }

    @GetMapping("/admin")
    String admin(Model model) {
        Map<String, List<ProjectionOperations.DeadLetterView>> deadLetters = new LinkedHashMap<>();
        ProjectionOperations.PROCESSING_GROUPS.forEach(group -> deadLetters.put(group, operations.deadLetters(group)));
        model.addAttribute("processors", operations.status());
        model.addAttribute("deadLetters", deadLetters);
        return "admin";
    }

    @PostMapping("/admin/processors/{group}/replay")
    String replay(@PathVariable String group, RedirectAttributes redirect) {
        known(group);
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

    private static void known(String group) {
        if (!ProjectionOperations.PROCESSING_GROUPS.contains(group)) {
            throw new PageNotFound();
        }
    }
}
