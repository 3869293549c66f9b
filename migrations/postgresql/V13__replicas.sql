-- PostgreSQL's copy of ../V13__replicas.sql (no dialect differences).
-- What lets several processes (replicas) share one database.
-- A reservation first upserts the row of each scope it holds (in one order), then reads the scope's
-- use: on PostgreSQL the upsert locks that row until commit, so two replicas never check the same
-- scope's room at once. On SQLite the immediate transaction already serialises every writer.
CREATE TABLE scope_locks (
    scope_key   TEXT    PRIMARY KEY,
    touched_at  TEXT    NOT NULL
);

-- Each running process, beating every few seconds. Another process closes a reservation, re-answers
-- a question or resends a message that a process took only once that process has stopped beating.
CREATE TABLE replicas (
    id          TEXT    PRIMARY KEY,
    started_at  TEXT    NOT NULL,
    seen_at     TEXT    NOT NULL
);

ALTER TABLE reservations ADD COLUMN owner TEXT;
ALTER TABLE questions ADD COLUMN owner TEXT;

-- The process delivering a chat's next message, until when: no two processes send one message.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
