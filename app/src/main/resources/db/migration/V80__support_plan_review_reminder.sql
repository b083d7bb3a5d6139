-- Support-plan reviews falling due (issue 16): one row per plan and due date its owner was reminded of, so the
-- reminder is sent once per due date, however many nodes sweep and however often (the insert is the guard). No
-- personal data: a plan id and two times. Not a view: a rebuild of the support-plan views does not remind again.
CREATE TABLE support_plan_review_reminder (
    plan_id       VARCHAR(100) NOT NULL,
    review_due_at TIMESTAMPTZ  NOT NULL,
    reminded_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (plan_id, review_due_at)
);

-- the sweep looks for plans whose review is due
CREATE INDEX support_plan_review_due ON support_plan (review_due_at);
