-- A partner's retry budget is counted in the store, not in the process: attempts made since the message was
-- last put into delivery = attempts - attempts_before_round. An operator's replay starts a new round (the
-- attempts before it stay as history); a restart or a broker fail-over does not.
ALTER TABLE message ADD COLUMN attempts_before_round INT DEFAULT 0 NOT NULL;
