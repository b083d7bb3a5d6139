-- Cross-border handover (issue 16).
--
-- The installation's own Ed25519 signing key. The private key never lies in the clear: it is encrypted (AES-GCM) with
-- a data key of its own, and that data key is wrapped by the master key (KeyEncryptionKeys, the same one that wraps
-- the persons' keys; bound to 'handover-signing-key:<key_id>'). One key signs at a time (retired_at null); retired
-- keys stay so that the packages they signed can still be told apart, and so the public key stays on record.
CREATE TABLE handover_signing_key (
    key_id              VARCHAR(64)  PRIMARY KEY,
    public_key          BYTEA        NOT NULL,
    sealed_private_key  BYTEA        NOT NULL,
    iv                  BYTEA        NOT NULL,
    wrapped_data_key    BYTEA        NOT NULL,
    kek_id              VARCHAR(128) NOT NULL,
    kek_version         INTEGER      NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    retired_at          TIMESTAMPTZ
);
CREATE UNIQUE INDEX handover_signing_key_one_current ON handover_signing_key ((true)) WHERE retired_at IS NULL;

-- The partners' public keys an administrator registered (as the partner's GET /api/handovers/key returned them):
-- packages signed with a key here, not revoked, from its country, are trusted. A rotation is a new key of the same
-- country (the old one optionally revoked in the same step).
CREATE TABLE handover_partner_key (
    key_id         VARCHAR(64)  PRIMARY KEY,
    country        VARCHAR(2)   NOT NULL,
    public_key     BYTEA        NOT NULL,
    registered_at  TIMESTAMPTZ  NOT NULL,
    registered_by  VARCHAR(128) NOT NULL,
    revoked_at     TIMESTAMPTZ,
    revoked_by     VARCHAR(128)
);

-- Every package imported, once: its id is the replay guard (the insert commits with the case it opens).
CREATE TABLE handover_import (
    package_id      VARCHAR(64)  PRIMARY KEY,
    key_id          VARCHAR(64)  NOT NULL,
    source_country  VARCHAR(2)   NOT NULL,
    case_id         VARCHAR(64)  NOT NULL,
    imported_at     TIMESTAMPTZ  NOT NULL,
    imported_by     VARCHAR(128) NOT NULL
);
