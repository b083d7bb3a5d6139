package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.Api;
import org.nrm.app.support.PlatformTest;
import org.nrm.workflow.queue.QueuedTask;
import org.nrm.workflow.queue.WorkQueue;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An agency's queue is read a page at a time ({@code GET /api/tasks?limit=&cursor=}): the pages, followed by their
 * cursors, hold every task once, in the queue's order (child cases first, then by due date, none last).
 */
class TaskPagesTest extends PlatformTest {

    private static final String AGENCY = "queue-pages-test";

    @Autowired
    WorkQueue workQueue;

    @AfterEach
    void removeRows() {
        jdbc.update("DELETE FROM work_queue WHERE agency = ?", AGENCY);
    }

    @Test
    void pages_followed_by_their_cursors_hold_every_task_once_in_the_queues_order() {
        Instant t = Instant.parse("2026-06-01T10:00:00Z");
        // ties on due date and creation (the task id decides), tasks without due date, child and adult cases
        row("a-late", false, t.plusSeconds(3600), t);
        row("a-none-2", false, null, t.plusSeconds(5));
        row("a-none-1", false, null, t.plusSeconds(5));
        row("a-early", false, t.plusSeconds(60), t);
        row("c-tie-b", true, t.plusSeconds(60), t);
        row("c-tie-a", true, t.plusSeconds(60), t);
        row("c-none", true, null, t);
        List<String> expected = List.of("c-tie-a", "c-tie-b", "c-none", "a-early", "a-late", "a-none-1", "a-none-2");

        assertThat(workQueue.openTasks(AGENCY, 500).stream().map(QueuedTask::taskId)).containsExactlyElementsOf(expected);
        for (int size = 1; size <= 8; size++) {
            List<String> paged = new ArrayList<>();
            WorkQueue.Cursor cursor = null;
            int pages = 0;
            do {
                WorkQueue.Page page = workQueue.page(AGENCY, WorkQueue.Filter.none(),
                        cursor == null ? null : WorkQueue.Cursor.parse(cursor.token()), size);
                assertThat(page.tasks().size()).isLessThanOrEqualTo(size);
                page.tasks().forEach(task -> paged.add(task.taskId()));
                cursor = page.next();
                pages++;
            } while (cursor != null);
            assertThat(paged).as("pages of " + size).containsExactlyElementsOf(expected);
            assertThat(pages).as("pages of " + size).isEqualTo((expected.size() + size - 1) / size);
        }
        // back again: each "previous" page is the one before, the first has no previous
        List<List<String>> forward = new ArrayList<>();
        WorkQueue.Page page = workQueue.page(AGENCY, WorkQueue.Filter.none(), null, 2);
        assertThat(page.previous()).isNull();
        forward.add(ids(page));
        while (page.next() != null) {
            page = workQueue.page(AGENCY, WorkQueue.Filter.none(), page.next(), 2);
            assertThat(page.previous()).isNotNull();
            forward.add(ids(page));
        }
        assertThat(forward).hasSize(4);
        for (int i = forward.size() - 2; i >= 0; i--) {
            page = workQueue.pageBefore(AGENCY, WorkQueue.Filter.none(), WorkQueue.Cursor.parse(
                    page.previous().token()), 2);
            assertThat(ids(page)).as("page " + i).isEqualTo(forward.get(i));
        }
        assertThat(page.previous()).isNull();
        // the filters hold across pages
        WorkQueue.Filter childOnly = new WorkQueue.Filter(null, null, true, null);
        WorkQueue.Page first = workQueue.page(AGENCY, childOnly, null, 2);
        assertThat(first.tasks().stream().map(QueuedTask::taskId)).containsExactly("c-tie-a", "c-tie-b");
        WorkQueue.Page second = workQueue.page(AGENCY, childOnly, first.next(), 2);
        assertThat(second.tasks().stream().map(QueuedTask::taskId)).containsExactly("c-none");
        assertThat(second.next()).isNull();
    }

    @Test
    void the_api_names_the_next_page_in_its_headers_and_the_last_page_has_none() {
        String one = refer(referralOfAdult());
        String two = refer(referralOfAdult());
        String taskOne = awaitTask("competent-authority", one, "reasonable-grounds-decision");
        String taskTwo = awaitTask("competent-authority", two, "reasonable-grounds-decision");
        Api ca = as("competent-authority");

        Api.Response first = ca.get("/api/tasks?limit=1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).hasSize(1);
        String cursor = first.header("Next-Cursor");
        assertThat(cursor).isNotBlank();
        assertThat(first.header("Link")).isEqualTo("</api/tasks?limit=1&cursor=" + cursor + ">; rel=\"next\"");
        Api.Response second = ca.get(Api.nextPage(first.header("Link")));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().findValuesAsText("taskId")).hasSize(1)
                .doesNotContainAnyElementsOf(first.body().findValuesAsText("taskId"));

        List<String> all = ca.getAll("/api/tasks?limit=2").findValuesAsText("taskId");
        assertThat(all).contains(taskOne, taskTwo).doesNotHaveDuplicates();
        // the default page is 100 tasks; a case's own tasks fit on one page with no next
        Api.Response ofCase = ca.get("/api/tasks?caseId=" + one);
        assertThat(ofCase.body().findValuesAsText("taskId")).containsExactly(taskOne);
        assertThat(ofCase.header("Link")).isNull();
        assertThat(ofCase.header("Next-Cursor")).isNull();
        JsonNode page = ca.get("/api/tasks").body();
        assertThat(page.size()).isLessThanOrEqualTo(100);
    }

    private static List<String> ids(WorkQueue.Page page) {
        return page.tasks().stream().map(QueuedTask::taskId).toList();
    }

    private void row(String taskId, boolean child, Instant due, Instant created) {
        jdbc.update("INSERT INTO work_queue (task_id, agency, case_id, task_key, name, created_at, due_at, child) "
                + "VALUES (?, ?, ?, 'reasonable-grounds-decision', 'Reasonable-grounds decision', ?, ?, ?)",
                taskId, AGENCY, "case-" + taskId, Timestamp.from(created), due == null ? null : Timestamp.from(due),
                child);
    }
}
