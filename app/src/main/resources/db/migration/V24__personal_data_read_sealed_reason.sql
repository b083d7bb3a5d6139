-- The free-text reason of a break-glass read is personal data of the person whose case was read: it is kept sealed
-- with that person's key (the JSON of a sealed value, as in the events) and erased with the key. What survives the
-- erasure, for accountability, is who read, when, which case, the purpose and the ground (a code, no personal data).
-- Rows written before this migration hold the reason in clear in `purpose` ("break-glass: <reason>"); the platform
-- seals them on start-up (PersonalDataReads.sealLegacyReasons).
ALTER TABLE personal_data_read ADD COLUMN ground VARCHAR(64);
ALTER TABLE personal_data_read ADD COLUMN reason TEXT;
