-- PostgreSQL's copy of ../V12__updates_seen.sql: INTEGER is BIGINT (Telegram ids and micro-dollars pass 32 bits), AUTOINCREMENT an identity, BLOB bytea.
-- Updates the bot has taken from a webhook, by Telegram's update_id. Telegram posts an update again
-- when it did not get a 200 for it (a timeout, a replica that died mid-request); the first insert wins
-- and a repeat is answered 200 and dropped, so each update is handled once. Rows older than two days
-- are pruned: Telegram keeps an undelivered update for 24 hours.
CREATE TABLE updates_seen (
    update_id  BIGINT  PRIMARY KEY,
    at         TEXT    NOT NULL
);
CREATE INDEX updates_seen_at ON updates_seen (at);
