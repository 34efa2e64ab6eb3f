-- Retention (tracking.Retention): old records are deleted after their periods (assistx.retention.*), and the
-- audit chain is cut from its oldest end only. Each cut is a row here: the sequence number and entry hash of
-- the last entry removed, from which the check of the kept chain starts (audit.AuditLog.verify), and the cut
-- itself gets a chained entry (kind RETENTION) that covers this row, so a cut made by anything but the job
-- (a deleted head of the chain, an invented row here) is reported. Rows here are never deleted.
-- Portable SQL (H2 and PostgreSQL).
CREATE TABLE audit_retention (
    retention_id  VARCHAR(40)  NOT NULL PRIMARY KEY,
    through_seq   BIGINT       NOT NULL,
    through_hash  VARCHAR(64)  NOT NULL,
    entries       INT          NOT NULL,
    pruned_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_audit_retention_seq UNIQUE (through_seq)
);

-- What the job looks for: final verifications by their last change, refusals by their time.
CREATE INDEX ix_verification_retention ON verification (status, updated_at);
CREATE INDEX ix_inbound_refusal_time ON inbound_refusal (refused_at);
