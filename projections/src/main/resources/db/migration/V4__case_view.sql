-- The case view: where each case stands, rebuilt from the events at any time (processing group case-views).
-- version is the aggregate sequence number of the last event applied: handlers only move it forward, so a
-- replayed or redelivered event leaves the row as it was.
CREATE TABLE case_view (
    case_id                      VARCHAR(64)  PRIMARY KEY,
    reference                    VARCHAR(32)  NOT NULL,
    stage                        VARCHAR(40)  NOT NULL,
    child                        BOOLEAN      NOT NULL,
    foreign_national             BOOLEAN      NOT NULL,
    needs_accommodation          BOOLEAN      NOT NULL DEFAULT FALSE,
    referring_agency             VARCHAR(64)  NOT NULL,
    referred_at                  TIMESTAMPTZ  NOT NULL,
    reasonable_grounds           VARCHAR(16),
    reasonable_grounds_due_at    TIMESTAMPTZ,
    reasonable_grounds_decided_at TIMESTAMPTZ,
    recovery_period_started_at   TIMESTAMPTZ,
    recovery_period_minimum_ends_at TIMESTAMPTZ,
    version                      BIGINT       NOT NULL,
    updated_at                   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX case_view_stage ON case_view (stage);
CREATE INDEX case_view_referred_at ON case_view (referred_at);
