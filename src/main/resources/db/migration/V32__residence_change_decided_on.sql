-- R10/R11: the day a residence change was decided (SUSPEND_PAYMENT or TRANSFER_CASE), stored once. The signed
-- notice carries it as effectiveOn and the written notice to the recipient prints it, so printing the letter
-- again on another day prints the same letter. Rows decided before this column existed take the day of their
-- last update, which is when their decision was made. Portable SQL (H2 and PostgreSQL).
ALTER TABLE residence_change ADD COLUMN decided_on DATE;
UPDATE residence_change SET decided_on = CAST(updated_at AS DATE)
    WHERE action IN ('SUSPEND_PAYMENT', 'TRANSFER_CASE');
