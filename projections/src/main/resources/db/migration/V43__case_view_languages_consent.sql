-- interop: the HTCDS export's language (prs_PrimaryLanguage, prs_SecondaryLanguage: ISO 639 codes, not personal
-- details) and consent (con_Consent). NULL consent: a row projected before this column (a replay fills it).
ALTER TABLE case_view
    ADD COLUMN languages VARCHAR(8)[] NOT NULL DEFAULT '{}',
    ADD COLUMN consent   BOOLEAN;
