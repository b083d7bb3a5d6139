-- An agency's queue is read a page at a time (GET /api/tasks?cursor=, the inbox): within one value of the child flag
-- (child cases come first) by due date (none last), creation and task id, so that each position is unique and a page
-- is one index range scan starting after the last task of the page before. Replaces V12's index, whose order this one
-- refines (the task id breaks ties).
CREATE INDEX work_queue_agency_page ON work_queue
    (agency, child, (coalesce(due_at, 'infinity'::timestamptz)), created_at, task_id);
DROP INDEX work_queue_agency_order;
