-- The agencies' work queues: one row per open user task and candidate agency, written by the engine's
-- global task listener inside the engine's own transaction, so a queue never shows a task the engine
-- does not have (or misses one it has).
CREATE TABLE work_queue (
    task_id     VARCHAR(64)  NOT NULL,
    agency      VARCHAR(64)  NOT NULL,
    case_id     VARCHAR(64)  NOT NULL,
    task_key    VARCHAR(128) NOT NULL,
    name        VARCHAR(255) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    due_at      TIMESTAMPTZ,
    assignee    VARCHAR(128),
    child       BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (task_id, agency)
);
CREATE INDEX work_queue_agency_due ON work_queue (agency, due_at);
CREATE INDEX work_queue_case ON work_queue (case_id);

-- Which agencies are or were involved in a case (need to know): the referring agency, every agency that held a
-- task on it, the agency hosting the person. Rows are never removed while the case exists.
CREATE TABLE case_involvement (
    case_id    VARCHAR(64) NOT NULL,
    agency     VARCHAR(64) NOT NULL,
    since      TIMESTAMPTZ NOT NULL,
    reason     VARCHAR(64) NOT NULL,
    PRIMARY KEY (case_id, agency)
);
CREATE INDEX case_involvement_agency ON case_involvement (agency);
