-- Support plans and service referrals (branch support16, issue #16). Written in the command's own transaction
-- (subscribing processor support-plans). No personal data: ids, agency and provider codes, needs, states and times;
-- notes and reasons stay sealed in the events.
CREATE TABLE support_plan (
    plan_id          VARCHAR(100) PRIMARY KEY,
    case_id          VARCHAR(64)  NOT NULL UNIQUE,
    owner_agency     VARCHAR(100) NOT NULL,
    opened_at        TIMESTAMPTZ  NOT NULL,
    review_due_at    TIMESTAMPTZ  NOT NULL,
    last_reviewed_at TIMESTAMPTZ
);

CREATE TABLE support_need (
    plan_id     VARCHAR(100) NOT NULL,
    case_id     VARCHAR(64)  NOT NULL,
    need        VARCHAR(64)  NOT NULL,
    assessed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (plan_id, need)
);

CREATE INDEX support_need_assessed ON support_need (assessed_at);

CREATE TABLE service_referral (
    referral_id          VARCHAR(64)  PRIMARY KEY,
    plan_id              VARCHAR(100) NOT NULL,
    case_id              VARCHAR(64)  NOT NULL,
    need                 VARCHAR(64)  NOT NULL,
    provider_id          VARCHAR(100) NOT NULL,
    provider_agency      VARCHAR(100) NOT NULL,
    child                BOOLEAN      NOT NULL,
    shares_personal_data BOOLEAN      NOT NULL,
    status               VARCHAR(16)  NOT NULL,
    referred_at          TIMESTAMPTZ  NOT NULL,
    accepted_at          TIMESTAMPTZ,
    declined_at          TIMESTAMPTZ,
    delivered_at         TIMESTAMPTZ,
    closed_at            TIMESTAMPTZ
);

CREATE INDEX service_referral_plan ON service_referral (plan_id, referred_at);
CREATE INDEX service_referral_provider ON service_referral (provider_agency, referred_at DESC);
CREATE INDEX service_referral_open ON service_referral (provider_id) WHERE status IN ('REFERRED', 'ACCEPTED');
