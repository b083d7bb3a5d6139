-- The mechanism's process-level variables as a case's process instance ended (issue #19): what the reopening of a
-- closed case restores, written by a built-in end listener of the mechanism's process in the transaction that ends
-- the instance, one row per case (a reopened case that closes again replaces its row). The engine's history no longer
-- keeps variables (history level nrm-lean, V90, docs/adr/008): that cost two statements on nearly every step, for a
-- read made only when a case reopens. Values are the engine's, tagged with their type ("b:true", "s:text",
-- "d:<epoch millis>", "i:", "l:", "n:" for null); none is personal data (ProcessVariables). A case closed before this
-- table existed reopens from the engine's history, which still holds its variables.
CREATE TABLE process_end_state (
    case_id             VARCHAR(64) PRIMARY KEY,
    process_instance_id VARCHAR(64) NOT NULL,
    ended_at            TIMESTAMPTZ NOT NULL,
    variables           JSONB       NOT NULL
);
