-- Routing choices per private chat (scope_id = user id) or group (scope_id = chat id).
CREATE TABLE chat_settings (
    chat_id           INTEGER PRIMARY KEY,
    mode              TEXT    NOT NULL DEFAULT 'balanced'
                      CHECK (mode IN ('cheap', 'balanced', 'quality', 'fast', 'local')),
    pinned_model      TEXT,
    allow_escalation  INTEGER NOT NULL DEFAULT 1 CHECK (allow_escalation IN (0, 1)),
    updated_at        TEXT    NOT NULL,
    updated_by        INTEGER
);

-- A conversation is the turns a model sees as context. In a private chat the current one goes on
-- until /new; replying to an answer continues the conversation that answer belongs to.
CREATE TABLE conversations (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id     INTEGER NOT NULL,
    started_by  INTEGER NOT NULL,
    started_at  TEXT    NOT NULL,
    closed      INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1))
);
CREATE INDEX conversations_chat ON conversations (chat_id, closed, id);

CREATE TABLE turns (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    conversation_id  INTEGER NOT NULL REFERENCES conversations (id),
    role             TEXT    NOT NULL CHECK (role IN ('user', 'assistant')),
    content          TEXT    NOT NULL,
    model            TEXT,
    at               TEXT    NOT NULL
);
CREATE INDEX turns_conversation ON turns (conversation_id, id);

-- Each answer the bot sent: which conversation it belongs to (for replies) and why its model was
-- chosen (for the "Why this model?" button), so both work after a restart.
CREATE TABLE answers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id          INTEGER NOT NULL,
    conversation_id  INTEGER REFERENCES conversations (id),
    model            TEXT    NOT NULL,
    explanation      TEXT    NOT NULL,
    at               TEXT    NOT NULL
);

-- The Telegram messages an answer was sent as (a long answer is several).
CREATE TABLE answer_messages (
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    answer_id   INTEGER NOT NULL REFERENCES answers (id),
    PRIMARY KEY (chat_id, message_id)
);
