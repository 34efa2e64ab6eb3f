-- Where a township wants to hear about each status change of its verification (JMS ingress: its reply
-- queue; later callbacks). One verification may have several.
CREATE TABLE status_subscription (
    verification_id     VARCHAR(40)   NOT NULL,
    channel             VARCHAR(16)   NOT NULL,
    address             VARCHAR(300)  NOT NULL,
    correlation_id      VARCHAR(200),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (verification_id, channel, address)
);
