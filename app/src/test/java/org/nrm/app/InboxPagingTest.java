package org.nrm.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nrm.app.support.PageSession;
import org.nrm.app.support.PlatformTest;

/**
 * The inbox and the lead's queue page show the agency's queue a page of 50 tasks at a time, with next and previous
 * links that keep the filters, and find a case's tasks by its reference, however long the queue.
 */
class InboxPagingTest extends PlatformTest {

    private static final String PREFIX = "inbox-paging-";

    @AfterEach
    void removeRows() {
        jdbc.update("DELETE FROM work_queue WHERE task_id LIKE ?", PREFIX + "%");
    }

    @Test
    void the_inbox_and_the_queue_page_go_through_a_long_queue_page_by_page_and_back() {
        // 120 child cases' tasks due long ago: the first 120 places of the competent authority's queue
        Instant due = Instant.parse("2000-01-01T00:00:00Z");
        for (int i = 0; i < 120; i++) {
            jdbc.update("INSERT INTO work_queue (task_id, agency, case_id, task_key, name, created_at, due_at, child) "
                    + "VALUES (?, 'competent-authority', ?, 'reasonable-grounds-decision', 'Reasonable-grounds "
                    + "decision', ?, ?, TRUE)", PREFIX + "%03d".formatted(i), PREFIX + "case-" + i,
                    Timestamp.from(due), Timestamp.from(due.plusSeconds(60L * i)));
        }
        PageSession worker = new PageSession(port);
        worker.signIn("competent-authority", "demo");
        String first = worker.get("/inbox").body();
        assertThat(ours(first)).containsExactlyElementsOf(range(0, 50));
        assertThat(link(first, "prev")).isNull();
        String second = worker.get(link(first, "next")).body();
        assertThat(ours(second)).containsExactlyElementsOf(range(50, 100));
        String third = worker.get(link(second, "next")).body();
        assertThat(ours(third)).containsExactlyElementsOf(range(100, 120));
        assertThat(ours(worker.get(link(third, "prev")).body())).containsExactlyElementsOf(range(50, 100));
        assertThat(ours(worker.get(link(second, "prev")).body())).containsExactlyElementsOf(range(0, 50));
        // the filters travel with the pages
        String childOnly = worker.get("/inbox?childOnly=true&show=unassigned").body();
        assertThat(link(childOnly, "next")).contains("childOnly=true").contains("show=unassigned");

        PageSession lead = new PageSession(port);
        lead.signIn("competent-authority-lead", "demo");
        String queues = lead.get("/queues").body();
        assertThat(ours(queues)).containsExactlyElementsOf(range(0, 50));
        assertThat(ours(lead.get(link(queues, "next")).body())).containsExactlyElementsOf(range(50, 100));
    }

    @Test
    void a_case_is_found_in_the_inbox_and_the_queue_page_by_its_reference() {
        String caseId = refer(referralOfAdult());
        String taskId = awaitTask("competent-authority", caseId, "reasonable-grounds-decision");
        String reference = as("competent-authority").get("/api/cases/" + caseId).body().get("reference").asText();
        PageSession worker = new PageSession(port);
        worker.signIn("competent-authority", "demo");
        String found = worker.get("/inbox?reference=" + reference).body();
        assertThat(taskIds(found)).containsExactly(taskId);
        assertThat(found).contains(reference);
        assertThat(taskIds(worker.get("/inbox?reference=NRM-1900-999999").body())).isEmpty();
        PageSession lead = new PageSession(port);
        lead.signIn("competent-authority-lead", "demo");
        assertThat(taskIds(lead.get("/queues?reference=" + reference).body())).containsExactly(taskId);
        // a cursor the page did not write reads as the first page, not an error
        assertThat(worker.get("/inbox?cursor=nonsense").statusCode()).isEqualTo(200);
    }

    private static List<String> range(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(PREFIX + "%03d".formatted(i));
        }
        return ids;
    }

    private static List<String> taskIds(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("data-task-id=\"([^\"]+)\"").matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<String> ours(String page) {
        return taskIds(page).stream().filter(id -> id.startsWith(PREFIX)).toList();
    }

    /** The href of the page's {@code rel} link (next or prev), unescaped; null when there is none. */
    private static String link(String page, String rel) {
        Matcher m = Pattern.compile("<a [^>]*rel=\"" + rel + "\"[^>]*href=\"([^\"]+)\"").matcher(page);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }
}
