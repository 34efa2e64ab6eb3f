-- What the nodes sharing this store agree on besides the messages (delivery.ClusterSync):
-- the generation of the partner set an operator last reloaded (one row), and the partners whose circuit
-- breaker a node opened, until when, so that every node waits for that partner, not just the one that saw it fail.
CREATE TABLE partner_reload (
    id          INT          NOT NULL PRIMARY KEY,
    generation  BIGINT       NOT NULL,
    reloaded_at TIMESTAMP    NOT NULL,
    node        VARCHAR(255) NOT NULL
);
CREATE TABLE partner_breaker (
    partner_id VARCHAR(100) NOT NULL PRIMARY KEY,
    opened_at  TIMESTAMP    NOT NULL,
    open_until TIMESTAMP    NOT NULL,
    node       VARCHAR(255) NOT NULL
);
