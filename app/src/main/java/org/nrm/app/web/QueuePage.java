package org.nrm.app.web;

import java.time.Instant;
import java.util.List;
import org.nrm.projections.cases.CaseViews;
import org.nrm.workflow.queue.QueuedTask;
import org.nrm.workflow.queue.WorkQueue;

/**
 * One page of an agency's queue for the inbox and the lead's queue page: the tasks after {@code cursor} (or before
 * {@code before}, for "previous"), or, searched by a case reference, that case's tasks. The cursors to the next and
 * previous pages are null at either end. A cursor the page did not write reads as the first page.
 */
record QueuePage(List<QueuedTask> tasks, String next, String previous) {

    static QueuePage read(WorkQueue queue, CaseViews views, String agency, String reference, Instant dueBefore,
                          boolean childOnly, String assignee, String key, String cursor, String before, int size) {
        String caseId = null;
        if (reference != null && !reference.isBlank()) {
            caseId = views.caseIdOf(reference.strip()).orElse(null);
            if (caseId == null) {
                return new QueuePage(List.of(), null, null);
            }
        }
        var filter = new WorkQueue.Filter(caseId, dueBefore, childOnly, assignee,
                key == null || key.isBlank() ? null : key);
        WorkQueue.Cursor after = parse(cursor);
        WorkQueue.Cursor upTo = after == null ? parse(before) : null;
        WorkQueue.Page page = upTo != null ? queue.pageBefore(agency, filter, upTo, size)
                : queue.page(agency, filter, after, size);
        return new QueuePage(page.tasks(), page.next() == null ? null : page.next().token(),
                page.previous() == null ? null : page.previous().token());
    }

    private static WorkQueue.Cursor parse(String token) {
        if (token == null || token.isBlank() || token.length() > 1024) {
            return null;
        }
        try {
            return WorkQueue.Cursor.parse(token);
        } catch (IllegalArgumentException notACursor) {
            return null;
        }
    }
}
