-- A reservation's own rows (its holds, read when it is extended and closed) were found by reading
-- the whole ledger: a cost per call that grew with every call ever made. And a person's charges
-- (/usage) were found by reading every reservation. A migration of its own: it runs in a transaction
-- of its own, so building these never holds the lock V14 takes on the ledger.
CREATE INDEX ledger_reservation ON ledger (reservation_id);
CREATE INDEX reservations_user_at ON reservations (user_id, created_at);
