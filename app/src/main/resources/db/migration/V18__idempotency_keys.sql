-- Answers of POST requests sent with an Idempotency-Key (public contract, "Every POST"): the same key from the same
-- user with the same request within 24 hours gets the first answer again and changes nothing. A row is inserted
-- in the same transaction as the request's work and committed with it, so an answer is kept exactly when its work
-- was; a concurrent duplicate waits on the row's unique key until the first commits (then it replays the answer) or
-- rolls back (then it does the work itself). Only the request's SHA-256 is kept, never its body (personal data).
CREATE TABLE idempotency_key (
    principal      varchar(300)  NOT NULL,
    key            varchar(255)  NOT NULL,
    fingerprint    bytea         NOT NULL,
    created_at     timestamptz   NOT NULL,
    status         integer,
    content_type   varchar(255),
    location       varchar(2048),
    body           bytea,
    PRIMARY KEY (principal, key)
);

CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
