-- Which master key (its id and version) wraps each person's data key. Rows written before this migration (or by a
-- node of the previous release during a rolling upgrade) have neither: they are version 1 of the configured key.
ALTER TABLE subject_key ADD COLUMN kek_id VARCHAR(128);
ALTER TABLE subject_key ADD COLUMN kek_version INTEGER;

-- The master key's rotation: re-wraps every person's data key under the current version, in batches, each batch in
-- its own transaction that also advances last_subject_id, so an interrupted run resumes where it stopped. At most one
-- run is open (finished_at null) at a time.
CREATE TABLE key_rotation (
    id               BIGSERIAL     PRIMARY KEY,
    key_id           VARCHAR(128)  NOT NULL,
    target_version   INTEGER       NOT NULL,
    started_at       TIMESTAMPTZ   NOT NULL,
    started_by       VARCHAR(128)  NOT NULL,
    updated_at       TIMESTAMPTZ   NOT NULL,
    to_rewrap        BIGINT        NOT NULL,
    rewrapped        BIGINT        NOT NULL DEFAULT 0,
    last_subject_id  VARCHAR(64),
    finished_at      TIMESTAMPTZ,
    outcome          VARCHAR(16),
    last_error       VARCHAR(1000),
    CONSTRAINT key_rotation_outcome CHECK ((finished_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX key_rotation_one_open ON key_rotation ((true)) WHERE finished_at IS NULL;
