-- The criminal case and the journey of each case (issue 17), written in the command's own transaction (subscribing
-- processor criminal-cases). No personal data: agency codes, the investigating agency's file number, dates of the
-- investigation and the verdict, counts, codes and amounts; the journey's countries only (its places and dates stay
-- sealed in the events).
CREATE TABLE criminal_case (
    case_id                 VARCHAR(64)  PRIMARY KEY,
    investigating_agency    VARCHAR(100) NOT NULL,
    prosecuting_agency      VARCHAR(100),
    reference               VARCHAR(100) NOT NULL,
    opened_on               DATE         NOT NULL,
    cooperation             VARCHAR(16),
    cooperation_recorded_at TIMESTAMPTZ,
    protective_measures     VARCHAR(32)[] NOT NULL DEFAULT '{}',
    suspects_charged        INT,
    offence                 VARCHAR(40),
    verdict                 VARCHAR(16),
    sentence_months         INT,
    compensation_ordered    NUMERIC(14, 2),
    compensation_currency   VARCHAR(3),
    decided_on              DATE,
    updated_at              TIMESTAMPTZ  NOT NULL
);
CREATE INDEX criminal_case_prosecuting_agency ON criminal_case (prosecuting_agency);

CREATE TABLE case_journey (
    case_id     VARCHAR(64) PRIMARY KEY,
    stages      VARCHAR(16)[] NOT NULL,
    countries   VARCHAR(2)[]  NOT NULL,
    recorded_at TIMESTAMPTZ   NOT NULL
);
