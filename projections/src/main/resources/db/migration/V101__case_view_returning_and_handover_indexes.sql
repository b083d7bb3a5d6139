-- The statistics' figures for returning nationals and handover packages (issue 16) read case_view by columns without
-- an index, each a full scan of the table: at a million cases the quarter's statistics took 0.9 s at p50 (bench,
-- 2026-12-02; 58 ms before those figures). Partial indexes hold only the few rows each figure reads. The bulk rebuild
-- builds them on its new tables as it does every index of the live table.
CREATE INDEX case_view_returning_national ON case_view (referred_at) INCLUDE (case_id) WHERE returning_national;
CREATE INDEX case_view_arrival_met ON case_view (arrival_met_at) WHERE arrival_met_at IS NOT NULL;
CREATE INDEX case_view_handover_exported ON case_view (last_handover_exported_at)
    WHERE last_handover_exported_at IS NOT NULL;
