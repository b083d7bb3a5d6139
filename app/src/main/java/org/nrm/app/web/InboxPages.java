package org.nrm.app.web;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseView;
import org.nrm.projections.cases.CaseViews;
import org.nrm.workflow.queue.QueuedTask;
import org.nrm.workflow.tasks.TaskCompletionService;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agency's inbox: its open tasks, child cases first, then by due date, a page of {@link #PAGE} at a time (next and
 * previous by the queue's cursor), or the tasks of one case found by its reference; claim and hand back.
 */
@Controller
class InboxPages {

    /** Tasks per page of the inbox and of the lead's queue. */
    static final int PAGE = 50;

    private final WorkQueue workQueue;
    private final TaskCompletionService completions;
    private final CaseViews views;
    private final PageFormat format;

    InboxPages(WorkQueue workQueue, TaskCompletionService completions, CaseViews views, PageFormat format) {
        this.workQueue = workQueue;
        this.completions = completions;
        this.views = views;
        this.format = format;
    }

    /**
     * @param show {@code all}, {@code mine} or {@code unassigned}
     * @param due  {@code any}, {@code overdue} or {@code week} (due within seven days)
     */
    @GetMapping("/inbox")
    String inbox(@RequestParam(defaultValue = "all") String show, @RequestParam(defaultValue = "any") String due,
                 @RequestParam(defaultValue = "false") boolean childOnly, @RequestParam(defaultValue = "") String key,
                 @RequestParam(defaultValue = "") String reference, @RequestParam(required = false) String cursor,
                 @RequestParam(required = false) String before, Model model) {
        NrmUser user = NrmUser.current();
        String assignee = switch (show) {
            case "mine" -> user.userId();
            case "unassigned" -> WorkQueue.Filter.UNASSIGNED;
            default -> null;
        };
        java.time.Instant dueBefore = switch (due) {
            case "overdue" -> format.now();
            case "week" -> format.now().plus(java.time.Duration.ofDays(7));
            default -> null;
        };
        QueuePage page = QueuePage.read(workQueue, views, user.agency(), reference, dueBefore, childOnly, assignee,
                key, cursor, before, PAGE);
        List<QueuedTask> tasks = page.tasks();
        Map<String, CaseView> cases = views.list(tasks.stream().map(QueuedTask::caseId).distinct().toList()).stream()
                .collect(Collectors.toMap(CaseView::caseId, Function.identity()));
        model.addAttribute("tasks", tasks);
        model.addAttribute("cases", cases);
        model.addAttribute("show", show);
        model.addAttribute("due", due);
        model.addAttribute("childOnly", childOnly);
        model.addAttribute("key", key);
        model.addAttribute("reference", reference.strip());
        model.addAttribute("nextCursor", page.next());
        model.addAttribute("previousCursor", page.previous());
        model.addAttribute("allKeys", java.util.Arrays.stream(TaskKey.values()).map(TaskKey::key).toList());
        model.addAttribute("overdueCount", tasks.stream().filter(t -> format.overdue(t.dueAt())).count());
        return "inbox";
    }

    @PostMapping("/inbox/tasks/{taskId}/claim")
    String claim(@PathVariable String taskId, @RequestParam(required = false) String caseId,
                 @RequestParam(required = false) String reference, RedirectAttributes redirect) {
        completions.claim(taskId, NrmUser.current().actor());
        redirect.addFlashAttribute("notice", "inbox.claimed");
        return back(caseId, reference);
    }

    @PostMapping("/inbox/tasks/{taskId}/unclaim")
    String unclaim(@PathVariable String taskId, @RequestParam(required = false) String caseId,
                   @RequestParam(required = false) String reference, RedirectAttributes redirect) {
        completions.unclaim(taskId, NrmUser.current().actor(), NrmUser.current().is(org.nrm.app.security.UserRole.LEAD));
        redirect.addFlashAttribute("notice", "inbox.unclaimed");
        return back(caseId, reference);
    }

    /** Back to the case page the form was on, or to the inbox (searched by the reference it was searched by). */
    static String back(String caseId, String reference) {
        if ((caseId == null || caseId.isBlank()) && reference != null && !reference.isBlank()) {
            return "redirect:/inbox?reference=" + java.net.URLEncoder.encode(reference.strip(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
        return back(caseId);
    }

    /** Back to the case page the form was on, or to the inbox. */
    static String back(String caseId) {
        if (caseId == null || caseId.isBlank()) {
            return "redirect:/inbox";
        }
        return "redirect:/cases/" + org.springframework.web.util.UriUtils.encodePathSegment(caseId,
                java.nio.charset.StandardCharsets.UTF_8);
    }
}
