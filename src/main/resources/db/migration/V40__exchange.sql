-- The hukou side of the federation (federation.ExchangeInbound, docs/federation.md "The hukou side").
-- exchange_request: a signed VERIFICATION_REQUEST / PROOF_REQUEST another member gateway sent to our exchange
-- endpoint, taken once by its message id (the signed digest tells a retry of the same message from a replay),
-- and the local verification that checks it at our county bureau. Its answer (a signed VERIFICATION_RESULT /
-- PROOF_RESULT, stored once in the message store) is delivered through the exchange outbox: the answer_*
-- columns are that outbox's row (claimed by moving answer_next_attempt_at, retried with backoff until 2xx).
-- exchange_notice: notices other members sent to our townships (the township inbox), taken once by message id;
-- the envelope itself is in the message store (sealed there).
-- Portable SQL (H2 and PostgreSQL).
CREATE TABLE exchange_request (
    message_id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    member_id               VARCHAR(64)   NOT NULL,
    request_type            VARCHAR(40)   NOT NULL,
    verification_id         VARCHAR(40)   NOT NULL,
    request_digest          VARCHAR(128)  NOT NULL,
    received_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    answer_message_id       VARCHAR(64),
    answered_at             TIMESTAMP WITH TIME ZONE,
    answer_status           VARCHAR(16),
    answer_attempts         INTEGER       DEFAULT 0 NOT NULL,
    answer_next_attempt_at  TIMESTAMP WITH TIME ZONE,
    answer_last_error       VARCHAR(1000),
    delivered_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_exchange_request_verification UNIQUE (verification_id)
);

CREATE INDEX ix_exchange_answer_due ON exchange_request (answer_status, answer_next_attempt_at);
CREATE INDEX ix_exchange_request_received ON exchange_request (received_at);

CREATE TABLE exchange_notice (
    message_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    member_id      VARCHAR(64)   NOT NULL,
    type           VARCHAR(40)   NOT NULL,
    sender         VARCHAR(12)   NOT NULL,
    recipient      VARCHAR(12)   NOT NULL,
    township       VARCHAR(9),
    signed_digest  VARCHAR(128)  NOT NULL,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_exchange_notice_township ON exchange_notice (township, received_at);
CREATE INDEX ix_exchange_notice_received ON exchange_notice (received_at);
