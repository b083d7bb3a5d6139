-- A case's history spans several aggregates (the case, shelters, permit applications, returns). Every event that
-- concerns a case carries its caseId; this column, filled from the JSON payload on insert, lets the history and the
-- as-of-date view read them straight from the event store in global order.
ALTER TABLE domainevententry ADD COLUMN case_id VARCHAR(64);

CREATE FUNCTION domainevententry_case_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    BEGIN
        NEW.case_id := convert_from(NEW.payload, 'UTF8')::jsonb ->> 'caseId';
    EXCEPTION WHEN others THEN
        NEW.case_id := NULL;
    END;
    RETURN NEW;
END;
$$;

CREATE TRIGGER domainevententry_case_id BEFORE INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION domainevententry_case_id();

CREATE INDEX domainevententry_case ON domainevententry (case_id, globalindex) WHERE case_id IS NOT NULL;

ALTER TABLE case_view
    DROP COLUMN version,
    ADD COLUMN last_event_index               BIGINT NOT NULL DEFAULT -1,
    ADD COLUMN gender                         VARCHAR(16),
    ADD COLUMN age_group                      VARCHAR(16),
    ADD COLUMN nationality                    VARCHAR(2),
    ADD COLUMN guardian_appointed             BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN recovery_period_ends_at        TIMESTAMPTZ,
    ADD COLUMN recovery_period_ended_at       TIMESTAMPTZ,
    ADD COLUMN conclusive_grounds             VARCHAR(16),
    ADD COLUMN conclusive_grounds_decided_at  TIMESTAMPTZ,
    ADD COLUMN reconsideration_window_ends_at TIMESTAMPTZ,
    ADD COLUMN reconsideration_pending        BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN move_on_support_ends_at        TIMESTAMPTZ,
    ADD COLUMN disqualified                   BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN durable_solution               VARCHAR(32),
    ADD COLUMN shelter_id                     VARCHAR(64),
    ADD COLUMN accommodation_declined         BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN permit_status                  VARCHAR(16),
    ADD COLUMN permit_valid_until             TIMESTAMPTZ,
    ADD COLUMN return_status                  VARCHAR(16),
    ADD COLUMN deadline_breaches              INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN closure_category               VARCHAR(32),
    ADD COLUMN closed_at                      TIMESTAMPTZ;

-- Shelter occupancy (processing group shelters).
CREATE TABLE shelter_view (
    shelter_id  VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    type        VARCHAR(16)  NOT NULL,
    capacity    INTEGER      NOT NULL,
    occupied    INTEGER      NOT NULL DEFAULT 0,
    version     BIGINT       NOT NULL
);
