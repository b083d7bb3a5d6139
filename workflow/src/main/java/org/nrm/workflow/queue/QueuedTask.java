package org.nrm.workflow.queue;

import java.time.Instant;

/** An open task in an agency's queue (public contract fields, plus child and what the task waits on). */
public record QueuedTask(String taskId, String caseId, String key, String name, String agency, Instant createdAt,
                         Instant dueAt, String assignee, boolean child, String detail) {
}
