-- Returning nationals (issue 16): a case opened for a national identified as a victim abroad, by hand or from an
-- imported handover package. Counted apart from this country's referrals (its decisions were taken abroad), so the
-- case view says which cases these are, the decision taken abroad (platform codes, a country code, the deciding
-- organisation and a date: no personal data), whether the case came from a package, and when the person was met.
-- Handover packages issued from a case are counted per case (each one is also an event in its history).
ALTER TABLE case_view
    ADD COLUMN returning_national        BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN decision_abroad           JSONB,
    ADD COLUMN handover_imported         BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN arrival_met_at            TIMESTAMPTZ,
    ADD COLUMN reintegration_follow_ups  INT NOT NULL DEFAULT 0,
    ADD COLUMN handovers_exported        INT NOT NULL DEFAULT 0,
    ADD COLUMN last_handover_exported_at TIMESTAMPTZ;
