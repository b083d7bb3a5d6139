-- Reports from the public (issue #17), as the triage agency lists them, and the screenings recorded with referrals.
-- Written by the subscribing processor public-reports in the command's transaction (PublicReportRecords). What was
-- seen, where and the reporter's contact stay in the events (sealed with the report's key); these rows hold codes,
-- dates and ids only. No client address is stored anywhere (the rate limit is in memory: PublicReportRateLimit).
CREATE TABLE public_report (
    report_id      VARCHAR(64)  PRIMARY KEY,
    receipt        VARCHAR(32)  NOT NULL UNIQUE,
    channel        VARCHAR(16)  NOT NULL,
    campaign       VARCHAR(64),
    occurred_on    DATE,
    received_at    TIMESTAMPTZ  NOT NULL,
    triage_due_at  TIMESTAMPTZ  NOT NULL,
    status         VARCHAR(16)  NOT NULL,      -- OPEN, DISMISSED, MERGED, REFERRED
    duplicate_of   VARCHAR(64),
    case_id        VARCHAR(64),
    triaged_at     TIMESTAMPTZ
);
CREATE INDEX public_report_open ON public_report (status, received_at);
CREATE INDEX public_report_received ON public_report (received_at);
CREATE INDEX public_report_case ON public_report (case_id) WHERE case_id IS NOT NULL;

CREATE TABLE referral_screening (
    case_id      VARCHAR(64)  PRIMARY KEY,
    result       VARCHAR(16)  NOT NULL,        -- TRAFFICKING, SMUGGLING, BOTH, NEITHER
    child        BOOLEAN      NOT NULL,
    acts         VARCHAR(64)[] NOT NULL,
    means        VARCHAR(64)[] NOT NULL,
    purposes     VARCHAR(64)[] NOT NULL,
    smuggling    VARCHAR(64)[] NOT NULL,
    recorded_at  TIMESTAMPTZ  NOT NULL
);
