-- Status changes POSTed to a township's callbackUrl: stored first, then delivered with retries and backoff
-- until delivered or too old (then FAILED with the reason); an operator can see each one.
CREATE TABLE callback_delivery (
    callback_id         VARCHAR(40)   NOT NULL PRIMARY KEY,
    verification_id     VARCHAR(40)   NOT NULL,
    url                 VARCHAR(2048) NOT NULL,
    body                VARCHAR(1000000) NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    attempts            INTEGER       NOT NULL,
    last_error          VARCHAR(1000),
    next_attempt_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_callback_due ON callback_delivery (status, next_attempt_at);
