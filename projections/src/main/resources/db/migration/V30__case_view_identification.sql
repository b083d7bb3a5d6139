-- The case view shows the identification as it now reads (indicators too, with who last updated it and when), the
-- documents used to cross the border and the end of move-on support. Rows written before this migration get their
-- indicators on the next replay of 'case-views' (POST /api/admin/processors/case-views/replay).
ALTER TABLE case_view
    ADD COLUMN indicators                VARCHAR(64)[] NOT NULL DEFAULT '{}',
    ADD COLUMN identification_updated_at TIMESTAMPTZ,
    ADD COLUMN identification_updated_by VARCHAR(255),
    ADD COLUMN border_crossing_documents VARCHAR(32),
    ADD COLUMN move_on_support_ended_at  TIMESTAMPTZ,
    ADD COLUMN guardian_replacements     INT NOT NULL DEFAULT 0;
