-- PostgreSQL's copy of ../V9__answer_cache.sql: INTEGER is BIGINT (Telegram ids and micro-dollars pass 32 bits), AUTOINCREMENT an identity, BLOB bytea.
-- Answers kept for repeated questions, per chat: a question asked again in the same chat (same
-- words, after normalising case, spacing and end punctuation) is answered from here, saying so and
-- what it saved. Never across chats. Entries older than a day are not served.
CREATE TABLE answer_cache (
    chat_id      BIGINT  NOT NULL,
    question_key TEXT    NOT NULL,
    answer       TEXT    NOT NULL,
    model        TEXT    NOT NULL,
    cost_micros  BIGINT  NOT NULL CHECK (cost_micros >= 0),
    at           TEXT    NOT NULL,
    PRIMARY KEY (chat_id, question_key)
);
