-- One-way signed notices (approval feedback, emergency aid, payment suspension, case transfer) ride the
-- message table; enqueued_at is the outbox marker of each outbound message.
ALTER TABLE message ADD COLUMN enqueued_at TIMESTAMP WITH TIME ZONE;

-- R4: emergency cases whose formalities (person, reason, amount, handler signatures) are completed later.
CREATE TABLE emergency_case (
    verification_id     VARCHAR(40)   NOT NULL PRIMARY KEY,
    township            VARCHAR(9)    NOT NULL,
    kind                VARCHAR(40)   NOT NULL,
    occurred_on         DATE          NOT NULL,
    backfill_due        DATE          NOT NULL,
    backfilled_at       TIMESTAMP WITH TIME ZONE,
    backfill_json       VARCHAR(20000)
);

-- R6: the residence township's decision, fed back to the hukou township.
CREATE TABLE approval_decision (
    verification_id     VARCHAR(40)   NOT NULL PRIMARY KEY,
    decision            VARCHAR(16)   NOT NULL,
    decided_on          DATE          NOT NULL,
    decision_json       VARCHAR(20000) NOT NULL,
    notice_message_id   VARCHAR(64),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL
);

-- R9–R11: residence changes reported by the managing township, and their decisions.
CREATE TABLE residence_change (
    change_id           VARCHAR(40)   NOT NULL PRIMARY KEY,
    client_org          VARCHAR(12)   NOT NULL,
    request_id          VARCHAR(64)   NOT NULL,
    request_digest      VARCHAR(64)   NOT NULL,
    request_json        VARCHAR(20000) NOT NULL,
    managing_township   VARCHAR(9)    NOT NULL,
    recipient_masked    VARCHAR(32)   NOT NULL,
    action              VARCHAR(24)   NOT NULL,
    reason              VARCHAR(1000),
    recheck_on          DATE,
    notice_message_id   VARCHAR(64),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_residence_change_request UNIQUE (client_org, request_id)
);

CREATE INDEX ix_residence_change_recheck ON residence_change (action, recheck_on);
