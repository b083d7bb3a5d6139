-- Queue figures without reading the queue: how many open tasks each agency has per task key, holder, child flag and
-- due day, kept by triggers on work_queue in the transaction that changes it (whatever writes the queue: the engine's
-- task listener, the seeder, a migration). Triggers only ever INSERT a delta (+1/-1), so concurrent transactions never
-- wait on a shared counter row or deadlock over two of them; WorkQueueTally folds the deltas into one row per key
-- (compacted) every few seconds, and readers sum both kinds.
CREATE TABLE work_queue_tally (
    agency     VARCHAR(64)  NOT NULL,
    task_key   VARCHAR(128) NOT NULL,
    assignee   VARCHAR(128) NOT NULL, -- '' for none
    child      BOOLEAN      NOT NULL,
    due_day    DATE         NOT NULL, -- the UTC day of due_at; 'infinity' for none
    n          INTEGER      NOT NULL,
    compacted  BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX work_queue_tally_key ON work_queue_tally (agency, task_key, assignee, child, due_day)
    WHERE compacted;
CREATE INDEX work_queue_tally_agency ON work_queue_tally (agency);
-- the oldest open task of an agency's task key, from the index's first entry
CREATE INDEX work_queue_agency_key_created ON work_queue (agency, task_key, created_at);

CREATE FUNCTION work_queue_due_day(due TIMESTAMPTZ) RETURNS DATE LANGUAGE sql IMMUTABLE AS
    $$ SELECT coalesce((due AT TIME ZONE 'UTC')::date, 'infinity'::date) $$;

CREATE FUNCTION work_queue_tally_delta() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND (OLD.agency, OLD.task_key, coalesce(OLD.assignee, ''), OLD.child,
                             work_queue_due_day(OLD.due_at))
            IS NOT DISTINCT FROM (NEW.agency, NEW.task_key, coalesce(NEW.assignee, ''), NEW.child,
                                  work_queue_due_day(NEW.due_at)) THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        INSERT INTO work_queue_tally (agency, task_key, assignee, child, due_day, n)
        VALUES (OLD.agency, OLD.task_key, coalesce(OLD.assignee, ''), OLD.child, work_queue_due_day(OLD.due_at), -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO work_queue_tally (agency, task_key, assignee, child, due_day, n)
        VALUES (NEW.agency, NEW.task_key, coalesce(NEW.assignee, ''), NEW.child, work_queue_due_day(NEW.due_at), 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER work_queue_tally_delta AFTER INSERT OR UPDATE OR DELETE ON work_queue
    FOR EACH ROW EXECUTE FUNCTION work_queue_tally_delta();

-- the queue as it stands when this migration runs
INSERT INTO work_queue_tally (agency, task_key, assignee, child, due_day, n, compacted)
SELECT agency, task_key, coalesce(assignee, ''), child, work_queue_due_day(due_at), count(*), TRUE
  FROM work_queue GROUP BY 1, 2, 3, 4, 5;

-- emptying the queue at once (tests, a reset) empties its tally too
CREATE FUNCTION work_queue_tally_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE work_queue_tally;
    RETURN NULL;
END $$;
CREATE TRIGGER work_queue_tally_truncate AFTER TRUNCATE ON work_queue
    FOR EACH STATEMENT EXECUTE FUNCTION work_queue_tally_truncate();
