package org.nrm.workflow.queue;

import java.util.Map;

/** One agency's queue for one task key (public contract fields, plus unassigned and per-assignee counts). */
public record QueueFigures(String agency, String key, int open, int overdue, double oldestAgeHours, int unassigned,
                           int childCases, Map<String, Integer> perAssignee) {
}
