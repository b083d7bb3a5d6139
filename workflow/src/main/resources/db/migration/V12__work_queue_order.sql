-- The agency's list is read child cases first, then by due date: an index in that order avoids sorting the whole
-- queue on every read.
CREATE INDEX work_queue_agency_order ON work_queue (agency, child DESC, due_at ASC NULLS LAST, created_at ASC);
