-- The backlog at a date counts the cases still open then: with a million cases in the view, finding them through the
-- closure date (open ones have none) reads a few thousand rows instead of every case ever recognised.
CREATE INDEX case_view_closed_at ON case_view (closed_at);
-- Anonymous notifications are few among the referrals of a period: counted from their own small index.
CREATE INDEX case_view_anonymous_referred_at ON case_view (referred_at) WHERE anonymous_notification;
