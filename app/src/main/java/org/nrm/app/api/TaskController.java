package org.nrm.app.api;

import java.util.List;
import java.util.Map;
import org.nrm.app.security.NrmUser;
import org.nrm.workflow.queue.QueuedTask;
import org.nrm.workflow.tasks.TaskCompletionService;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
class TaskController {

    /** The most tasks one page may hold ({@code limit}), and the page without {@code limit}. */
    static final int MAX_TASKS = 500;
    static final int DEFAULT_TASKS = 100;
    /** As long as the user columns of the platform's tables ({@code user_id VARCHAR(128)}). */
    static final int MAX_USER_ID = 128;

    private final WorkQueue workQueue;
    private final TaskCompletionService completions;
    private final java.time.Clock clock;
    private final org.nrm.app.users.UserDirectory users;
    private final org.nrm.projections.cases.CaseViews cases;

    TaskController(WorkQueue workQueue, TaskCompletionService completions, java.time.Clock clock,
                   org.nrm.app.users.UserDirectory users, org.nrm.projections.cases.CaseViews cases) {
        this.cases = cases;
        this.workQueue = workQueue;
        this.completions = completions;
        this.clock = clock;
        this.users = users;
    }

    /**
     * The agency's open tasks, child cases first, then by due date; filters narrow the list. A page at a time:
     * {@code limit} tasks (default 100, at most 500) after {@code cursor}; when more follow, a {@code Link} header with
     * {@code rel="next"} names the next page (the same filters, its cursor) and {@code Next-Cursor} holds the cursor.
     */
    @GetMapping("/tasks")
    org.springframework.http.ResponseEntity<List<OpenTask>> openTasks(
            @RequestParam(required = false) String caseId,
            @RequestParam(required = false) String dueBefore,
            @RequestParam(required = false, defaultValue = "false") boolean childOnly,
            @RequestParam(required = false) String assignee,
            @RequestParam(required = false) Long limit,
            @RequestParam(required = false) String cursor) {
        NrmUser user = NrmUser.current();
        InvalidParameter.text("caseId", caseId, RequestParameterGuard.MAX_ID);
        InvalidParameter.text("assignee", assignee, MAX_USER_ID);
        java.time.Instant due = dueBefore == null ? null : InvalidParameter.instant("dueBefore", dueBefore);
        if (limit != null && (limit < 1 || limit > MAX_TASKS)) {
            throw new InvalidParameter("limit", "'limit' must be between 1 and " + MAX_TASKS + ".");
        }
        InvalidParameter.text("cursor", cursor, 1024);
        WorkQueue.Cursor after;
        try {
            after = cursor == null ? null : WorkQueue.Cursor.parse(cursor);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameter("cursor", "'cursor' must be the cursor of a page of /api/tasks.");
        }
        int size = limit == null ? DEFAULT_TASKS : limit.intValue();
        WorkQueue.Page page = workQueue.page(user.agency(), new WorkQueue.Filter(caseId, due, childOnly,
                "me".equals(assignee) ? user.userId() : assignee), after, size);
        var response = org.springframework.http.ResponseEntity.ok();
        if (page.next() != null) {
            StringBuilder next = new StringBuilder("/api/tasks?");
            java.util.function.BiConsumer<String, Object> param = (name, value) -> {
                if (value != null) {
                    next.append(name).append('=').append(java.net.URLEncoder.encode(value.toString(),
                            java.nio.charset.StandardCharsets.UTF_8)).append('&');
                }
            };
            param.accept("caseId", caseId);
            param.accept("dueBefore", dueBefore);
            param.accept("childOnly", childOnly ? "true" : null);
            param.accept("assignee", assignee);
            param.accept("limit", limit);
            param.accept("cursor", page.next().token());
            next.setLength(next.length() - 1);
            response.header("Link", "<" + next + ">; rel=\"next\"");
            response.header("Next-Cursor", page.next().token());
        }
        Map<String, String> references = cases.referencesOf(page.tasks().stream().map(QueuedTask::caseId).toList());
        return response.body(page.tasks().stream().map(t -> OpenTask.of(t, references.get(t.caseId()))).toList());
    }

    /**
     * A task of the queue as the API lists it: the queue's fields and the case's {@code reference} (what case workers
     * say and search by; null for a task that is not a case's, such as a report from the public's triage).
     */
    record OpenTask(String taskId, String caseId, String reference, String key, String name, String agency,
                    java.time.Instant createdAt, java.time.Instant dueAt, String assignee, boolean child,
                    String detail) {

        static OpenTask of(QueuedTask task, String reference) {
            return new OpenTask(task.taskId(), task.caseId(), reference, task.key(), task.name(), task.agency(),
                    task.createdAt(), task.dueAt(), task.assignee(), task.child(), task.detail());
        }
    }

    /** A lead (re)assigns a task of the agency: {@code {"assignee": "user"}}, or {@code null} back to the queue. */
    @PostMapping("/tasks/{taskId}/assignee")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void assign(@PathVariable String taskId, @RequestBody Map<String, Object> body) {
        NrmUser user = NrmUser.current();
        Object assignee = body.get("assignee");
        if (assignee != null && !(assignee instanceof String)) {
            throw new InvalidParameter("assignee", "'assignee' must be a user id, or null to return the task.");
        }
        for (String field : body.keySet()) {
            if (!"assignee".equals(field)) {
                throw new InvalidParameter(field, "'" + field + "' is not a field of this body.");
            }
        }
        InvalidParameter.text("assignee", (String) assignee, MAX_USER_ID);
        String to = assignee == null || ((String) assignee).isBlank() ? null : ((String) assignee).strip();
        if (to != null && !users.mayHoldTasksOf(to, user.agency())) {
            throw new InvalidParameter("assignee", "'assignee' must be an active case worker or lead of "
                    + user.agency() + ".");
        }
        completions.assign(taskId, user.actor(), to);
    }

    /** The task goes back to the agency's queue: by its holder, or by a lead of the agency. */
    @PostMapping("/tasks/{taskId}/unclaim")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unclaim(@PathVariable String taskId) {
        NrmUser user = NrmUser.current();
        completions.unclaim(taskId, user.actor(), user.is(org.nrm.app.security.UserRole.LEAD));
    }

    @GetMapping("/queues")
    List<org.nrm.workflow.queue.QueueFigures> queues() {
        NrmUser user = NrmUser.current();
        return workQueue.figures(user.is(org.nrm.app.security.UserRole.OVERSIGHT) ? null : user.agency(),
                clock.instant());
    }

    @PostMapping("/tasks/{taskId}/claim")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void claim(@PathVariable String taskId) {
        NrmUser user = NrmUser.current();
        completions.claim(taskId, user.actor());
    }

    @PostMapping("/tasks/{taskId}/complete")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void complete(@PathVariable String taskId, @RequestBody Map<String, Object> body) {
        NrmUser user = NrmUser.current();
        completions.complete(taskId, user.actor(), body);
    }
}
