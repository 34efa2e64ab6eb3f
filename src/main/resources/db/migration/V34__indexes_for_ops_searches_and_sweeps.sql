-- Indexes for the queries that run often or on a large table, measured on PostgreSQL at a million
-- verifications (docs/postgresql.md: before and after plans, and the command that prints them).
-- Portable SQL (H2 and PostgreSQL): plain B-tree indexes, no partial or expression indexes.

-- Ops search without a filter (the console's first page): newest first.
CREATE INDEX ix_verification_created ON verification (created_at);
-- Ops search by request id alone: the unique key (client_org, request_id) leads with the township.
CREATE INDEX ix_verification_request_id ON verification (request_id);
-- Ops search by (masked) ID number, newest first.
CREATE INDEX ix_verification_applicant ON verification (applicant_masked, created_at);
-- Stale sweep per partner: its open verifications, least recently touched first.
CREATE INDEX ix_verification_partner ON verification (route_partner, status, updated_at);
-- Outbox sweep of one-way notices (every few seconds): outbound messages still PENDING and never queued,
-- oldest first (IS NULL is an index condition on both engines).
CREATE INDEX ix_message_status ON message (status, direction, enqueued_at, created_at);
-- Partner health: a partner's latest failure; a partner's latest reply.
CREATE INDEX ix_message_partner ON message (partner, direction, status, updated_at);
CREATE INDEX ix_message_partner_created ON message (partner, direction, created_at);
-- Ops refusals by sender (the filter matches partner or sender).
CREATE INDEX ix_inbound_refusal_sender ON inbound_refusal (sender, seq);
