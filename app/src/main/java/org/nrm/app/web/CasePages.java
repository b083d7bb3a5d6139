package org.nrm.app.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.nrm.app.cases.CaseActions;
import org.nrm.app.cases.CaseRecords;
import org.nrm.app.cases.CaseRequests;
import org.nrm.app.security.Access;
import org.nrm.app.security.NrmUser;
import org.nrm.projections.cases.CaseView;
import org.nrm.projections.cases.CaseViews;
import org.nrm.projections.cases.HistoryEntry;
import org.nrm.projections.shelters.Shelters;
import org.nrm.referral.api.ClosureCategory;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.Gender;
import org.nrm.referral.api.Indicator;
import org.nrm.referral.api.ReconsiderationGround;
import org.nrm.referral.model.CaseRuleViolation;
import org.nrm.workflow.queue.QueuedTask;
import org.nrm.workflow.tasks.TaskCompletionService;
import org.nrm.workflow.tasks.TaskForms;
import org.nrm.workflow.TaskKey;
import org.nrm.workflow.queue.WorkQueue;
import org.nrm.workflow.tasks.WorkflowException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case page: where the case stands, its deadlines and time left, every step with actor, agency and time, its open
 * tasks with the decision form of each task of the user's agency, and the steps the user's role may take on it.
 * Everything goes through the services the API uses; a form with bad input is shown again with its messages.
 */
@Controller
class CasePages {

    private static final int MAX_CASES = 200;

    /** A deadline of the case, with its message key. */
    record Deadline(String label, Instant at) {
    }

    /** One step of the timeline: the event, who took it and when, and its facts as readable pairs. */
    record Step(HistoryEntry entry, List<Map.Entry<String, String>> facts) {
    }

    /** An open task as the page shows it: its decision form when it is the user's agency's. */
    record OpenTask(QueuedTask task, TaskForms.Form form, boolean mine, boolean mayDecide) {
    }

    private final CaseRecords records;
    private final CaseViews views;
    private final WorkQueue workQueue;
    private final TaskCompletionService completions;
    private final CaseActions actions;
    private final Access access;
    private final Shelters shelters;
    private final FormErrors formErrors;
    private final org.nrm.app.letters.DecisionLetters letters;
    private final ConsentPages consentPages;
    private final SupportPlanPages supportPlanPages;

    private final org.nrm.app.reports.CaseScreenings screenings;
    private final org.nrm.app.cases.CaseSteps caseSteps;

    CasePages(CaseRecords records, CaseViews views, WorkQueue workQueue, TaskCompletionService completions,
              CaseActions actions, Access access, Shelters shelters, FormErrors formErrors,
              org.nrm.app.letters.DecisionLetters letters, ConsentPages consentPages,
              org.nrm.app.reports.CaseScreenings screenings, SupportPlanPages supportPlanPages,
              org.nrm.app.cases.CaseSteps caseSteps) {
        this.caseSteps = caseSteps;
        this.supportPlanPages = supportPlanPages;
        this.screenings = screenings;
        this.letters = letters;
        this.consentPages = consentPages;
        this.records = records;
        this.views = views;
        this.workQueue = workQueue;
        this.completions = completions;
        this.actions = actions;
        this.access = access;
        this.shelters = shelters;
        this.formErrors = formErrors;
    }

    @GetMapping("/cases")
    String cases(Model model) {
        NrmUser user = NrmUser.current();
        model.addAttribute("cases", views.list(workQueue.casesInvolving(user.agency(), MAX_CASES)));
        return "cases";
    }

    @GetMapping("/cases/{caseId}")
    String page(@PathVariable String caseId, Model model) {
        return show(caseId, model, Map.of(), Map.of(), null);
    }

    /** The decision on one of the case's open tasks: the outcome and the fields its task key takes. */
    @PostMapping("/cases/{caseId}/tasks/{taskId}")
    String decide(@PathVariable String caseId, @PathVariable String taskId, HttpServletRequest request,
                  Model model, RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = NrmUser.current();
        var open = workQueue.openTasksOfCase(caseId).stream()
                .filter(t -> t.taskId().equals(taskId) && t.agency().equals(user.agency())).findFirst();
        if (open.isEmpty()) {
            if (!completions.endedInQueueOf(taskId, user.agency())) {
                throw new PageNotFound(); // never the agency's task
            }
            // sent twice, or the task was decided or ended meanwhile: the case page says so (404 when the case is
            // not one the user may see)
            response.setStatus(409);
            return show(caseId, model, Map.of("task.gone", formErrors.message("error.taskGone")), Map.of(), null);
        }
        QueuedTask task = open.get();
        TaskForms.Form form = TaskKey.of(task.key()).map(TaskForms::of).orElseThrow(PageNotFound::new);
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        String outcome = request.getParameter("outcome");
        if (outcome != null && !outcome.isBlank()) {
            body.put("outcome", outcome);
            values.put("outcome", outcome);
        }
        // the form lays every outcome's fields out together: only the chosen outcome's are sent (a shelter picked
        // before "Declined" was chosen is not part of the decision); an outcome the form does not know gets them all,
        // and the outcome's own error
        List<TaskForms.Field> fields = form.outcomes().stream().filter(o -> o.value().equals(outcome)).findFirst()
                .map(TaskForms.Outcome::fields).orElse(form.fields());
        for (TaskForms.Field field : fields) {
            String value = request.getParameter(field.name());
            if (value != null && !value.isBlank()) {
                body.put(field.name(), value.strip());
                values.put(field.name(), value);
            }
        }
        String prefix = "task-" + taskId + ".";
        try {
            completions.complete(taskId, user.actor(), body);
        } catch (WorkflowException e) {
            if (e.kind() == WorkflowException.Kind.CONFLICT && WorkflowException.TASK_HELD.equals(e.rule())) {
                // taken by another case worker meanwhile: said at the task
                response.setStatus(409);
                return show(caseId, model, Map.of(prefix + "rule", e.getMessage()), prefixed(prefix, values), taskId);
            }
            if (e.kind() != WorkflowException.Kind.INVALID_INPUT) {
                // decided or ended while this was sent: the task is gone from the page, so it is said above
                response.setStatus(409);
                return show(caseId, model, Map.of("task.gone", formErrors.message("error.taskGone")), Map.of(), null);
            }
            response.setStatus(400);
            return show(caseId, model, Map.of(prefix + e.field(), e.getMessage()), prefixed(prefix, values), taskId);
        } catch (CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            return show(caseId, model, Map.of(prefix + "rule", ruleMessage(e)), prefixed(prefix, values), taskId);
        }
        redirect.addFlashAttribute("notice", "case.decided");
        return "redirect:/cases/" + caseId;
    }

    /** Issues a decision's letter (the competent authority involved in the case) and answers the PDF. */
    @GetMapping("/cases/{caseId}/decisions/{decisionId}/letter")
    Object letter(@PathVariable String caseId, @PathVariable String decisionId, Model model,
                  HttpServletResponse response) {
        NrmUser user = NrmUser.current();
        requireActing(user, caseId, access.isCompetentAuthority(user));
        long id;
        try {
            id = Long.parseLong(decisionId);
        } catch (NumberFormatException e) {
            throw new PageNotFound();
        }
        try {
            var letter = letters.issue(caseId, id, user).orElseThrow(PageNotFound::new);
            return org.springframework.http.ResponseEntity.ok()
                    .contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                    .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                            org.springframework.http.ContentDisposition.inline().filename(letter.fileName()).build()
                                    .toString())
                    .body(letter.pdf());
        } catch (CaseRuleViolation | CommandExecutionException e) {
            response.setStatus(409);
            return show(caseId, model, Map.of("letter.rule", ruleMessage(e)), Map.of(), null);
        }
    }

    @PostMapping("/cases/{caseId}/reconsideration")
    String reconsideration(@PathVariable String caseId, @RequestParam(defaultValue = "") String ground,
                           @RequestParam(defaultValue = "") String explanation, Model model,
                           RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = NrmUser.current();
        requireActing(user, caseId, access.isFirstResponderOrSupportProvider(user));
        var request = new CaseRequests.Reconsideration(parse(ReconsiderationGround.class, ground), blank(explanation));
        return step(caseId, "reconsideration.", request, Map.of("ground", ground, "explanation", explanation),
                () -> actions.requestReconsideration(caseId, request, user), model, redirect, response);
    }

    @PostMapping("/cases/{caseId}/extension")
    String extension(@PathVariable String caseId, @RequestParam(defaultValue = "") String days,
                     @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect,
                     HttpServletResponse response) {
        NrmUser user = NrmUser.current();
        requireActing(user, caseId, access.isCompetentAuthority(user));
        Integer n = null;
        try {
            n = days.isBlank() ? null : Integer.valueOf(days.strip());
        } catch (NumberFormatException e) {
            n = -1;
        }
        var request = new CaseRequests.RecoveryPeriodExtension(n, blank(reason));
        return step(caseId, "extension.", request, Map.of("days", days, "reason", reason),
                () -> actions.extendRecoveryPeriod(caseId, request, user), model, redirect, response);
    }

    @PostMapping("/cases/{caseId}/closure")
    String closure(@PathVariable String caseId, @RequestParam(defaultValue = "") String category,
                   @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect,
                   HttpServletResponse response) {
        NrmUser user = NrmUser.current();
        requireActing(user, caseId, access.isCompetentAuthority(user));
        var request = new CaseRequests.Closure(parse(ClosureCategory.class, category), blank(reason));
        return step(caseId, "closure.", request, Map.of("category", category, "reason", reason),
                () -> actions.close(caseId, request, user), model, redirect, response);
    }

    /** A closed case taken up again where it stood (the competent authority), as {@code POST /api/cases/{id}/reopening}. */
    @PostMapping("/cases/{caseId}/reopening")
    String reopening(@PathVariable String caseId, @RequestParam(defaultValue = "") String reason, Model model,
                     RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = NrmUser.current();
        requireActing(user, caseId, access.isCompetentAuthority(user));
        var request = new org.nrm.app.cases.CaseStepRequests.Reopening(blank(reason));
        return step(caseId, "reopening.", request, Map.of("reason", reason),
                () -> caseSteps.reopen(caseId, request, user), model, redirect, response);
    }

    /** An anonymous notification becomes a case once the person consents (the referring first responder). */
    @PostMapping("/cases/{caseId}/consent")
    String consent(@PathVariable String caseId, @ModelAttribute ReferralForm form, Model model,
                   RedirectAttributes redirect, HttpServletResponse response) {
        NrmUser user = NrmUser.current();
        if (!access.isFirstResponder(user) || !access.maySeeCase(user, caseId)) {
            throw new PageNotFound();
        }
        Map<String, String> errors = new LinkedHashMap<>();
        String unreadable = formErrors.message("validation.unreadable");
        java.time.LocalDate birth = null;
        try {
            birth = form.getBirthDate().isBlank() ? null : java.time.LocalDate.parse(form.getBirthDate().strip());
        } catch (java.time.format.DateTimeParseException e) {
            errors.put("consent.birthDate", unreadable);
        }
        var request = new CaseRequests.Consent(form.person(birth, errors, unreadable),
                "yes".equals(form.getNeedsAccommodation()), blank(form.getNarrative()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("givenName", form.getGivenName());
        values.put("familyName", form.getFamilyName());
        values.put("birthDate", form.getBirthDate());
        values.put("citizenships", form.getCitizenships());
        values.put("languages", form.getLanguages());
        values.put("narrative", form.getNarrative());
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return show(caseId, model, errors, prefixed("consent.", values), null);
        }
        return step(caseId, "consent.", request, values, () -> actions.giveConsent(caseId, request, user), model,
                redirect, response);
    }

    private String step(String caseId, String prefix, Object request, Map<String, String> values, Runnable action,
                        Model model, RedirectAttributes redirect, HttpServletResponse response) {
        Map<String, String> errors = formErrors.of(request, prefix);
        if (errors.isEmpty()) {
            try {
                action.run();
                redirect.addFlashAttribute("notice", prefix + "done");
                return "redirect:/cases/" + caseId;
            } catch (CaseRuleViolation | CommandExecutionException e) {
                response.setStatus(409);
                return show(caseId, model, Map.of(prefix + "rule", ruleMessage(e)), prefixed(prefix, values), null);
            }
        }
        response.setStatus(400);
        return show(caseId, model, errors, prefixed(prefix, values), null);
    }

    /** The case page with the forms' messages and values (the other page controllers re-show their forms here). */
    String show(String caseId, Model model, Map<String, String> errors, Map<String, String> values,
                String failedTask) {
        NrmUser user = NrmUser.current();
        CaseView view = records.view(user, caseId).orElseThrow(PageNotFound::new);
        List<HistoryEntry> history = records.history(user, caseId, null, "case page").orElseThrow(PageNotFound::new);
        List<OpenTask> tasks = new ArrayList<>();
        for (QueuedTask task : workQueue.openTasksOfCase(caseId)) {
            boolean mine = task.agency().equals(user.agency());
            boolean mayDecide = mine && (task.assignee() == null || task.assignee().equals(user.userId()));
            tasks.add(new OpenTask(task, TaskKey.of(task.key()).map(TaskForms::of).orElse(null), mine, mayDecide));
        }
        boolean acting = access.mayActOn(user, caseId);
        Instant now = Instant.now();
        boolean closed = "CLOSED".equals(view.stage());
        model.addAttribute("view", view);
        // the screening aid recorded at referral, beside the decision forms (issue #17), and the report it came from
        model.addAttribute("screening", screenings.screening(caseId).orElse(null));
        model.addAttribute("publicReport", screenings.publicReport(caseId).orElse(null));
        model.addAttribute("person", CaseRecords.personName(history));
        model.addAttribute("deadlines", deadlines(view, closed));
        model.addAttribute("closed", closed);
        model.addAttribute("steps", history.stream().map(e -> new Step(e, facts(e.data()))).toList());
        model.addAttribute("tasks", tasks);
        // the consent's "share with": the agencies involved and the providers the support plan referred needs to
        var agencies = new java.util.LinkedHashSet<>(workQueue.involvedAgencies(caseId));
        agencies.addAll(supportPlanPages.referredAgencies(caseId));
        model.addAttribute("agencies", List.copyOf(agencies));
        model.addAttribute("shelters", shelters.all());
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("failedTask", failedTask);
        model.addAttribute("mayConsent", "NOTIFICATION".equals(view.stage()) && access.isFirstResponder(user));
        model.addAttribute("mayReconsider", acting && access.isFirstResponderOrSupportProvider(user) && !closed
                && !view.reconsiderationPending() && view.reconsiderationWindowEndsAt() != null
                && view.reconsiderationWindowEndsAt().isAfter(now));
        model.addAttribute("mayExtend", acting && access.isCompetentAuthority(user)
                && "RECOVERY_PERIOD".equals(view.stage()));
        model.addAttribute("mayClose", acting && access.isCompetentAuthority(user) && !closed);
        model.addAttribute("mayReopen", acting && access.isCompetentAuthority(user) && closed);
        boolean mayIssueLetters = acting && access.isCompetentAuthority(user);
        model.addAttribute("mayIssueLetters", mayIssueLetters);
        model.addAttribute("decisions", mayIssueLetters ? letters.decisions(caseId) : List.of());
        consentPages.addTo(model, user, caseId, acting, closed); // consent records and their form (branch consent)
        supportPlanPages.addTo(model, user, caseId, acting); // the support plan's forms (issue 16)
        model.addAttribute("mayExportHandover", acting && access.handsOverAbroad(user));
        model.addAttribute("grounds", names(ReconsiderationGround.values()));
        model.addAttribute("closureCategories", names(ClosureCategory.values()));
        model.addAttribute("genders", names(Gender.values()));
        model.addAttribute("exploitationTypes", names(ExploitationType.values()));
        model.addAttribute("locations", names(ExploitationLocation.values()));
        model.addAttribute("indicators", names(Indicator.values()));
        return "case";
    }

    private void requireActing(NrmUser user, String caseId, boolean role) {
        if (!role || !access.mayActOn(user, caseId) || !access.maySeeCase(user, caseId)) {
            throw new PageNotFound();
        }
    }

    /**
     * The deadlines running on the case. A closed case has none of the mechanism's (its clocks stopped with the
     * process); a residence permit granted stays valid until its end, so its end is still shown.
     */
    private static List<Deadline> deadlines(CaseView view, boolean closed) {
        List<Deadline> out = new ArrayList<>();
        if (closed) {
            add(out, "deadline.permitValidUntil", view.permitValidUntil());
            return out;
        }
        add(out, "deadline.reasonableGrounds", view.reasonableGroundsDecidedAt() == null
                ? view.reasonableGroundsDueAt() : null);
        add(out, "deadline.recoveryPeriodMinimum", view.recoveryPeriodEndedAt() == null
                ? view.recoveryPeriodMinimumEndsAt() : null);
        add(out, "deadline.recoveryPeriod", view.recoveryPeriodEndedAt() == null ? view.recoveryPeriodEndsAt() : null);
        add(out, "deadline.reconsiderationWindow", view.reconsiderationWindowEndsAt());
        add(out, "deadline.moveOnSupport", view.moveOnSupportEndsAt());
        add(out, "deadline.permitValidUntil", view.permitValidUntil());
        return out;
    }

    private static void add(List<Deadline> out, String label, Instant at) {
        if (at != null) {
            out.add(new Deadline(label, at));
        }
    }

    /** The event's data as readable pairs ("person.givenName" -> "Lan"), without the case's own id. */
    private static List<Map.Entry<String, String>> facts(Map<String, Object> data) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        flatten("", data, out);
        return out;
    }

    private static void flatten(String prefix, Object value, List<Map.Entry<String, String>> out) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (!"caseId".equals(k)) {
                    flatten(prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, v, out);
                }
            });
        } else if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(Map.class::isInstance)) {
            // a list of records (a journey's legs): each one's fields in turn ("Stage: Recruitment", "Country: ...")
            list.forEach(item -> flatten(prefix, item, out));
        } else if (value instanceof List<?> list) {
            if (!list.isEmpty()) {
                out.add(Map.entry(prefix, String.join(", ", list.stream().map(String::valueOf).toList())));
            }
        } else if (value != null && !(value instanceof Boolean b && !b)) {
            out.add(Map.entry(prefix, String.valueOf(value)));
        }
    }

    static String ruleMessage(RuntimeException e) {
        Throwable cause = e instanceof CommandExecutionException && e.getCause() != null ? e.getCause() : e;
        if (!(cause instanceof CaseRuleViolation)) {
            throw e;
        }
        return cause.getMessage();
    }

    private static Map<String, String> prefixed(String prefix, Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return value == null || value.isBlank() ? null : Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
