-- Payloads holding personal data may be sealed at rest (SM4/GCM, crypto.StoreCipher): a sealed value is
-- "enc:sm4-gcm:<key id>:" and base64, about 4/3 of the UTF-8 bytes (4 characters for each Chinese
-- character), so the narrower payload columns are widened to hold any value their body limit lets in.
-- Portable SQL (H2 and PostgreSQL both accept SET DATA TYPE); nullability is kept.
ALTER TABLE verification ALTER COLUMN request_json SET DATA TYPE VARCHAR(1000000);
ALTER TABLE residence_change ALTER COLUMN request_json SET DATA TYPE VARCHAR(1000000);
ALTER TABLE emergency_case ALTER COLUMN backfill_json SET DATA TYPE VARCHAR(1000000);
ALTER TABLE approval_decision ALTER COLUMN decision_json SET DATA TYPE VARCHAR(1000000);
