-- What oversight statistics need beyond where each case stands (all non-personal).
ALTER TABLE case_view
    ADD COLUMN exploitation_types     VARCHAR(32)[] NOT NULL DEFAULT '{}',
    ADD COLUMN exploitation_location  VARCHAR(32),
    ADD COLUMN anonymous_notification BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE reconsideration_fact (
    case_id           VARCHAR(64) NOT NULL,
    requested_at      TIMESTAMPTZ NOT NULL,
    decision          VARCHAR(32) NOT NULL,
    ground            VARCHAR(32) NOT NULL,
    requesting_agency VARCHAR(64) NOT NULL,
    outcome           VARCHAR(16),
    decided_at        TIMESTAMPTZ,
    PRIMARY KEY (case_id, requested_at)
);

CREATE TABLE deadline_breach_fact (
    case_id     VARCHAR(64)  NOT NULL,
    task_key    VARCHAR(128) NOT NULL,
    due_at      TIMESTAMPTZ  NOT NULL,
    recorded_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (case_id, task_key, due_at)
);

CREATE INDEX case_view_rg_decided ON case_view (reasonable_grounds_decided_at);
CREATE INDEX case_view_cg_decided ON case_view (conclusive_grounds_decided_at);
