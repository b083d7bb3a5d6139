-- The users the platform has seen signing in with OpenID Connect (the identity provider owns the users; the platform
-- keeps who acted for which agency in which role, so that a lead gives tasks only to active colleagues). The demo
-- profile does not use it: its directory is the demo users.
CREATE TABLE directory_user (
    user_id        varchar(255) PRIMARY KEY,
    agency         varchar(128) NOT NULL,
    role           varchar(32)  NOT NULL,
    first_seen     timestamptz  NOT NULL,
    last_seen      timestamptz  NOT NULL,
    deactivated_at timestamptz
);

CREATE INDEX directory_user_agency ON directory_user (agency);
