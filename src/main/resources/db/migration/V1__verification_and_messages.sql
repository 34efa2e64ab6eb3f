-- Verifications accepted from townships, and every envelope in and out, exactly as signed.
-- Portable SQL: runs on H2 (default) and PostgreSQL (prod).

CREATE TABLE verification (
    verification_id     VARCHAR(40)   NOT NULL PRIMARY KEY,
    client_org          VARCHAR(12)   NOT NULL,
    request_id          VARCHAR(64)   NOT NULL,
    request_digest      VARCHAR(64)   NOT NULL,
    request_json        VARCHAR(100000) NOT NULL,
    status              VARCHAR(24)   NOT NULL,
    status_reason       VARCHAR(1000),
    jurisdiction        VARCHAR(24)   NOT NULL,
    category            VARCHAR(24)   NOT NULL,
    route_partner       VARCHAR(64),
    route_recipient     VARCHAR(12),
    residence_township  VARCHAR(9)    NOT NULL,
    applicant_masked    VARCHAR(32)   NOT NULL,
    outcome             VARCHAR(16),
    result_json         VARCHAR(1000000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    enqueued_at         TIMESTAMP WITH TIME ZONE,
    answered_at         TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uq_verification_request UNIQUE (client_org, request_id)
);

CREATE INDEX ix_verification_status ON verification (status, created_at);

CREATE TABLE message (
    message_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    verification_id     VARCHAR(40),
    direction           VARCHAR(3)    NOT NULL,
    type                VARCHAR(40)   NOT NULL,
    partner             VARCHAR(64),
    sender              VARCHAR(12)   NOT NULL,
    recipient           VARCHAR(12)   NOT NULL,
    envelope            VARCHAR(1000000) NOT NULL,
    signed_digest       VARCHAR(128)  NOT NULL,
    in_reply_to         VARCHAR(64),
    status              VARCHAR(24)   NOT NULL,
    attempts            INTEGER       NOT NULL,
    last_error          VARCHAR(1000),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_message_verification ON message (verification_id, created_at);

-- What the built-in simulators answered, by request message id: a repeated request gets the same
-- answer and has no second effect (idempotent receipt on the partner side).
CREATE TABLE simulator_reply (
    partner             VARCHAR(64)   NOT NULL,
    request_message_id  VARCHAR(64)   NOT NULL,
    reply               VARCHAR(1000000) NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (partner, request_message_id)
);
