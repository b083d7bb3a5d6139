-- What a task waits on, where the model says (the shelter type a placement needs), so queues and shelter occupancy
-- can show who is waiting for what.
ALTER TABLE work_queue ADD COLUMN detail VARCHAR(64);
CREATE INDEX work_queue_key_detail ON work_queue (task_key, detail);
