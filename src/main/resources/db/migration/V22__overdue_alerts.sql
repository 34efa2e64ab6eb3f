-- Overdue verifications operators were alerted about: each is announced once (log event, and the webhook
-- when one is configured), however often the check runs and across restarts.
CREATE TABLE overdue_alert (
    verification_id     VARCHAR(40)   NOT NULL PRIMARY KEY,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    alerted_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    channels            VARCHAR(200)  NOT NULL
);
