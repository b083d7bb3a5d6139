-- Idempotency of the case view per aggregate: the last sequence number applied from each aggregate that writes into
-- a case's row. Events of one aggregate commit in sequence order; events of different aggregates (the case, a
-- shelter, a permit, a return) may commit in another order than their global index, so the global index cannot
-- tell a replay from a late commit.
CREATE TABLE case_view_applied (
    case_id       VARCHAR(64)  NOT NULL,
    aggregate_id  VARCHAR(255) NOT NULL,
    last_sequence BIGINT       NOT NULL,
    PRIMARY KEY (case_id, aggregate_id)
);
