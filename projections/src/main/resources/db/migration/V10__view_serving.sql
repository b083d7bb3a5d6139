-- Which tables answer reads of the case views: the live ones, or a snapshot taken while the live ones are rebuilt
-- from the events (so a replay never shows a half-built view).
CREATE TABLE view_serving (
    view_name   VARCHAR(64) PRIMARY KEY,
    snapshot    BOOLEAN     NOT NULL,
    since       TIMESTAMPTZ NOT NULL
);
INSERT INTO view_serving (view_name, snapshot, since) VALUES ('case-views', FALSE, now());
