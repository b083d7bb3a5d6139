-- The user tasks a case's process instance still held when it ended (a closure, a terminate end, an operator's
-- deletion): the task definition keys of the tasks cancelled in the transaction that ended the instance. The
-- reopening of the case opens again the ones on a branch of their own (the shelter placement, the residence-permit
-- decision, the age assessment), which the step it resumes at does not reach. Empty for an instance that ended before
-- this column existed.
ALTER TABLE process_end_state ADD COLUMN open_tasks TEXT[] NOT NULL DEFAULT '{}';
