-- Shelters as a managed resource. The processing group "shelters" is subscribing from here on: the beds and the
-- placements below are written in the transaction of the command that changed them, so occupancy, free beds and who
-- is where are exact at every moment (a placement and its bed commit together or not at all).
ALTER TABLE shelter_view
    ADD COLUMN groups  VARCHAR(100) NOT NULL DEFAULT '',
    ADD COLUMN retired BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD CONSTRAINT shelter_beds_within_capacity CHECK (occupied >= 0 AND occupied <= capacity);

-- Who has a bed where: one placement per person at a time (a transfer ends the old one first).
CREATE TABLE shelter_placement (
    case_id                   VARCHAR(64) PRIMARY KEY,
    shelter_id                VARCHAR(64) NOT NULL REFERENCES shelter_view (shelter_id),
    placed_at                 TIMESTAMPTZ NOT NULL,
    child                     BOOLEAN     NOT NULL,
    child_placement_exception BOOLEAN     NOT NULL
);
CREATE INDEX shelter_placement_by_shelter ON shelter_placement (shelter_id);

-- The tracking processor's token is no longer used (a subscribing processor has none).
DELETE FROM tokenentry WHERE processorname = 'shelters';
