-- The backlog awaiting a conclusive decision, at a date: most of it is the cases awaiting one now (positive reasonable
-- grounds, no conclusive decision, not closed), counted from this small index by decision date; the rest (decided or
-- closed after the date) comes from the indexes on those dates.
CREATE INDEX case_view_awaiting_conclusive ON case_view (reasonable_grounds_decided_at)
    WHERE reasonable_grounds = 'POSITIVE' AND conclusive_grounds_decided_at IS NULL AND closed_at IS NULL;
