-- Who the bot has met. Telegram ids are 64-bit; SQLite INTEGER holds them exactly.
CREATE TABLE users (
    id          INTEGER PRIMARY KEY,
    username    TEXT,
    first_name  TEXT,
    first_seen  TEXT    NOT NULL,
    last_seen   TEXT    NOT NULL
);

CREATE TABLE chats (
    id          INTEGER PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('private', 'group', 'supergroup', 'channel')),
    title       TEXT,
    first_seen  TEXT    NOT NULL,
    last_seen   TEXT    NOT NULL
);

-- One row per model call, whatever its outcome. Money is integer micro-dollars.
CREATE TABLE llm_calls (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT,
    at                   TEXT    NOT NULL,
    user_id              INTEGER,
    chat_id              INTEGER,
    model                TEXT    NOT NULL,
    purpose              TEXT    NOT NULL,
    outcome              TEXT    NOT NULL,
    input_tokens         INTEGER NOT NULL DEFAULT 0,
    cached_input_tokens  INTEGER NOT NULL DEFAULT 0,
    output_tokens        INTEGER NOT NULL DEFAULT 0,
    cost_micros          INTEGER NOT NULL DEFAULT 0 CHECK (cost_micros >= 0),
    cost_estimated       INTEGER NOT NULL DEFAULT 0 CHECK (cost_estimated IN (0, 1)),
    latency_ms           INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX llm_calls_user_at ON llm_calls (user_id, at);
CREATE INDEX llm_calls_chat_at ON llm_calls (chat_id, at);
