package org.nrm.app.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.nrm.app.security.NrmUser;
import org.nrm.app.security.UserRole;
import org.nrm.workflow.queue.Notifications;
import org.nrm.workflow.queue.QueueFigures;
import org.nrm.workflow.queue.QueuedTask;
import org.nrm.workflow.tasks.TaskCompletionService;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The lead's queue dashboard, reassignment within the agency, and the agency's notifications. */
@Controller
class LeadPages {

    private final WorkQueue workQueue;
    private final TaskCompletionService completions;
    private final Notifications notifications;
    private final PageFormat format;
    private final org.nrm.projections.cases.CaseViews views;

    LeadPages(WorkQueue workQueue, TaskCompletionService completions, Notifications notifications, PageFormat format,
              org.nrm.projections.cases.CaseViews views) {
        this.views = views;
        this.workQueue = workQueue;
        this.completions = completions;
        this.notifications = notifications;
        this.format = format;
    }

    @GetMapping("/queues")
    String queues(@RequestParam(defaultValue = "") String reference, @RequestParam(required = false) String cursor,
                  @RequestParam(required = false) String before, Model model) {
        NrmUser user = NrmUser.current();
        List<QueueFigures> figures = workQueue.figures(user.agency(), format.now());
        List<String> labels = new ArrayList<>();
        List<Long> overdue = new ArrayList<>();
        List<Long> onTime = new ArrayList<>();
        Map<String, Long> workload = new TreeMap<>();
        long unassigned = 0;
        for (QueueFigures f : figures) {
            labels.add(format.label("task", f.key()));
            overdue.add((long) f.overdue());
            onTime.add((long) Math.max(0, f.open() - f.overdue()));
            f.perAssignee().forEach((who, n) -> workload.merge(who, (long) n, Long::sum));
            unassigned += f.unassigned();
        }
        List<String> people = new ArrayList<>(workload.keySet());
        List<Long> held = people.stream().map(workload::get).toList();
        people.add(format.label("queues", "unassigned"));
        List<Long> heldWithUnassigned = new ArrayList<>(held);
        heldWithUnassigned.add(unassigned);
        QueuePage page = QueuePage.read(workQueue, views, user.agency(), reference, null, false, null, null, cursor,
                before, InboxPages.PAGE);
        List<QueuedTask> tasks = page.tasks();
        // whom a task may be given to: the agency's case workers seen holding tasks, and the agency's own id (its
        // demo case worker is named like the agency)
        var assignees = new TreeSet<String>(workload.keySet());
        assignees.add(user.agency());
        tasks.stream().map(QueuedTask::assignee).filter(java.util.Objects::nonNull).forEach(assignees::add);
        model.addAttribute("figures", figures);
        model.addAttribute("queueChart", BarChart.of("queues.chart", "queues.overdue", "queues.onTime", labels,
                overdue, onTime));
        model.addAttribute("workloadChart", BarChart.of("queues.workload", "queues.held", null, people,
                heldWithUnassigned, heldWithUnassigned.stream().map(n -> 0L).toList()));
        model.addAttribute("totalOpen", figures.stream().mapToInt(QueueFigures::open).sum());
        model.addAttribute("totalOverdue", figures.stream().mapToInt(QueueFigures::overdue).sum());
        model.addAttribute("unassigned", unassigned);
        model.addAttribute("oldestHours", figures.stream().mapToDouble(QueueFigures::oldestAgeHours).max().orElse(0));
        model.addAttribute("tasks", tasks);
        model.addAttribute("cases", views.list(tasks.stream().map(QueuedTask::caseId).distinct().toList()).stream()
                .collect(java.util.stream.Collectors.toMap(org.nrm.projections.cases.CaseView::caseId,
                        org.nrm.projections.cases.CaseView::reference)));
        model.addAttribute("assignees", assignees);
        model.addAttribute("reference", reference.strip());
        model.addAttribute("nextCursor", page.next());
        model.addAttribute("previousCursor", page.previous());
        return "queues";
    }

    @PostMapping("/queues/tasks/{taskId}/assignee")
    String assign(@PathVariable String taskId, @RequestParam(defaultValue = "") String assignee,
                  @RequestParam(defaultValue = "") String reference, RedirectAttributes redirect) {
        completions.assign(taskId, NrmUser.current().actor(), assignee.isBlank() ? null : assignee);
        redirect.addFlashAttribute("notice", assignee.isBlank() ? "queues.returned" : "queues.reassigned");
        redirect.addFlashAttribute("noticeArgument", assignee);
        return reference.isBlank() ? "redirect:/queues" : "redirect:/queues?reference="
                + java.net.URLEncoder.encode(reference.strip(), java.nio.charset.StandardCharsets.UTF_8);
    }

    @GetMapping("/notifications")
    String notifications(Model model) {
        NrmUser user = NrmUser.current();
        model.addAttribute("notifications", notifications.forAgency(user.agency(), user.is(UserRole.LEAD), 200));
        return "notifications";
    }
}
