-- Two indexes Camunda's own schema lacks, found with pg_stat_statements under the decision load of the benchmark:
-- * the job executor asks several times a second for jobs that are due; every open case has timers for its deadlines,
--   so without an index on the due date each poll read every job (6,000 jobs: 2 ms, growing with the open cases);
-- * completing a task looks for its subtasks by parent (a scan of every open task, 1.3 ms per completion).
-- Camunda never creates indexes with these names, so its own upgrade scripts do not collide with them.
CREATE INDEX nrm_act_ru_job_duedate ON act_ru_job (duedate_);
CREATE INDEX nrm_act_ru_task_parent ON act_ru_task (parent_task_id_);
