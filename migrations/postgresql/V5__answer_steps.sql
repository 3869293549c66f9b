-- PostgreSQL's copy of ../V5__answer_steps.sql: INTEGER is BIGINT (Telegram ids and micro-dollars pass 32 bits), AUTOINCREMENT an identity, BLOB bytea.
-- What each model did for an answer (/trace and the Trace button): one row per call, in order, kept
-- with the answer so that a trace works after a restart. role and state are Role and MemberState.
CREATE TABLE answer_steps (
    answer_id      BIGINT  NOT NULL REFERENCES answers (id),
    idx            BIGINT  NOT NULL,
    model          TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('answer', 'merge', 'check', 'revise', 'instruct', 'plan', 'subtask', 'assemble', 'step')),
    state          TEXT    NOT NULL CHECK (state IN ('waiting', 'writing', 'done', 'failed', 'cancelled')),
    input_tokens   BIGINT  NOT NULL DEFAULT 0,
    output_tokens  BIGINT  NOT NULL DEFAULT 0,
    cost_micros    BIGINT  NOT NULL DEFAULT 0 CHECK (cost_micros >= 0),
    took_ms        BIGINT  NOT NULL DEFAULT 0,
    note           TEXT,
    PRIMARY KEY (answer_id, idx)
);
