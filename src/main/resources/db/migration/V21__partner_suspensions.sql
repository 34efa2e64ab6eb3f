-- Partners an operator suspended: their delivery routes take nothing from their queues until resumed.
-- Kept in the database so that a suspension outlives a restart of the gateway.
CREATE TABLE partner_suspension (
    partner_id          VARCHAR(64)   NOT NULL PRIMARY KEY,
    suspended_by        VARCHAR(128)  NOT NULL,
    reason              VARCHAR(1000) NOT NULL,
    suspended_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
