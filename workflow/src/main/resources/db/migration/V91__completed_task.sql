-- The tasks that left the agencies' queues (issue #19): one row per ended user task and candidate agency, moved from
-- work_queue in the same statement by the engine's task listener. A repeated completion is answered "already
-- completed" from here, not from the engine's task history, which the engine no longer writes (history level
-- nrm-lean, V90). ended: 'completed' (the task's decision) or 'deleted' (ended by a timer, a closure, a
-- reopening's cancellation); assignee: who held it at the end (a case worker's user id, not the person's data).
CREATE TABLE completed_task (
    task_id   VARCHAR(64)  NOT NULL,
    agency    VARCHAR(64)  NOT NULL,
    case_id   VARCHAR(64)  NOT NULL,
    task_key  VARCHAR(128) NOT NULL,
    assignee  VARCHAR(128),
    ended     VARCHAR(16)  NOT NULL,
    ended_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (task_id, agency)
);
