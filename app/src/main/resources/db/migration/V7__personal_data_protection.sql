-- One data key per person (data subject), wrapped by the installation's master key. Erasure deletes the key
-- material and keeps a tombstone, so no new personal data can be written for an erased person either.
CREATE TABLE subject_key (
    subject_id    VARCHAR(64)  PRIMARY KEY,
    wrapped_key   BYTEA,
    created_at    TIMESTAMPTZ  NOT NULL,
    erased_at     TIMESTAMPTZ,
    erased_by     VARCHAR(128),
    CONSTRAINT subject_key_material CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL))
);

-- Every read of a case's personal data: who, when, which case, and why (break-glass reads give a reason).
CREATE TABLE personal_data_read (
    id        BIGSERIAL    PRIMARY KEY,
    case_id   VARCHAR(64)  NOT NULL,
    user_id   VARCHAR(128) NOT NULL,
    agency    VARCHAR(64)  NOT NULL,
    role      VARCHAR(32)  NOT NULL,
    purpose   VARCHAR(1000) NOT NULL,
    read_at   TIMESTAMPTZ  NOT NULL
);
CREATE INDEX personal_data_read_case ON personal_data_read (case_id, read_at);
CREATE INDEX personal_data_read_time ON personal_data_read (read_at);
