-- The audit chain: one entry per stored envelope (in and out) and per operator action, append-only.
-- entry_hash = SHA-256 over (seq, kind, ref_id, content_hash, prev_hash, recorded_at); content_hash is the
-- SHA-256 of the canonical form of the referenced row, so editing either the entry or the row is detected.
-- Appends lock the single row of audit_chain_head (SELECT ... FOR UPDATE), so nodes sharing the database
-- cannot fork the chain. Portable SQL (H2 and PostgreSQL).
CREATE TABLE audit_log (
    seq           BIGINT       NOT NULL PRIMARY KEY,
    kind          VARCHAR(24)  NOT NULL,
    ref_id        VARCHAR(64)  NOT NULL,
    recorded_at   VARCHAR(40)  NOT NULL,
    content_hash  VARCHAR(64)  NOT NULL,
    prev_hash     VARCHAR(64)  NOT NULL,
    entry_hash    VARCHAR(64)  NOT NULL
);

CREATE INDEX ix_audit_log_ref ON audit_log (kind, ref_id);

CREATE TABLE audit_chain_head (
    id         INT          NOT NULL PRIMARY KEY,
    last_seq   BIGINT       NOT NULL,
    last_hash  VARCHAR(64)  NOT NULL
);

INSERT INTO audit_chain_head (id, last_seq, last_hash)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
