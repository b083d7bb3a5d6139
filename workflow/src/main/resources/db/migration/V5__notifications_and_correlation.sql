-- Notifications the mechanism sends to an agency (deadline breaches to its lead, permit reminders, ...).
-- They carry no personal data: a case id, a kind and a message.
CREATE TABLE notification (
    id          BIGSERIAL    PRIMARY KEY,
    agency      VARCHAR(64)  NOT NULL,
    audience    VARCHAR(16)  NOT NULL,
    case_id     VARCHAR(64),
    kind        VARCHAR(64)  NOT NULL,
    message     VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL,
    read_at     TIMESTAMPTZ
);
CREATE INDEX notification_agency ON notification (agency, created_at DESC);

-- Domain events already correlated to the process (idempotency of the asynchronous correlation jobs).
CREATE TABLE correlated_event (
    event_id      VARCHAR(255) PRIMARY KEY,
    case_id       VARCHAR(64)  NOT NULL,
    message       VARCHAR(64)  NOT NULL,
    correlated_at TIMESTAMPTZ  NOT NULL,
    outcome       VARCHAR(32)  NOT NULL
);
