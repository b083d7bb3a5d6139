-- Consent as a record (branch consent, issue #13): one row per scope (and per agency for data sharing) of each
-- consent given; a withdrawal sets withdrawn_*. Written in the command's own transaction (subscribing processor
-- case-consents), so a withdrawal takes effect on the very next read. No personal data: staff ids and agency codes.
CREATE TABLE case_consent (
    case_id             VARCHAR(64)  NOT NULL,
    given_sequence      BIGINT       NOT NULL,
    scope               VARCHAR(32)  NOT NULL,
    agency              VARCHAR(100) NOT NULL DEFAULT '',
    given_at            TIMESTAMPTZ  NOT NULL,
    taken_by            VARCHAR(200),
    taken_by_agency     VARCHAR(100),
    withdrawn_at        TIMESTAMPTZ,
    withdrawn_by        VARCHAR(200),
    withdrawn_by_agency VARCHAR(100),
    PRIMARY KEY (case_id, given_sequence, scope, agency)
);

CREATE INDEX case_consent_sharing_withdrawn ON case_consent (case_id, agency)
    WHERE scope = 'DATA_SHARING' AND withdrawn_at IS NOT NULL;

-- an adult (by age assessment) referred without consent after the reasonable-grounds decision: consent is asked
CREATE TABLE case_consent_request (
    case_id      VARCHAR(64) PRIMARY KEY,
    requested_at TIMESTAMPTZ NOT NULL
);
