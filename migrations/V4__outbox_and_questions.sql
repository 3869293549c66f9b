-- Messages the bot owes a chat, written before they are sent, so an answer survives a Telegram outage
-- or a restart. Delivered in id order per chat; a row leaves 'pending' when Telegram accepts it
-- ('sent', with its message id), refuses it for good ('rejected', 'undeliverable') or is too old
-- ('expired'). kind: 'send' a new message, 'edit' turn message edit_message_id into this text.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id          INTEGER NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('send', 'edit')),
    text             TEXT    NOT NULL,
    html             INTEGER NOT NULL CHECK (html IN (0, 1)),
    reply_to         INTEGER,
    edit_message_id  INTEGER,
    markup           TEXT,
    answer_id        INTEGER,
    question_id      INTEGER,
    created_at       TEXT    NOT NULL,
    next_attempt_at  TEXT    NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    state            TEXT    NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'sent', 'rejected', 'undeliverable', 'expired')),
    message_id       INTEGER,
    last_error       TEXT
);
CREATE INDEX outbox_pending ON outbox (state, chat_id, id);
CREATE INDEX outbox_question ON outbox (question_id);

-- Questions being answered. A row is written once a question is routed to a model (never while it
-- waits for consent to send private data) and closed when its reply is in the outbox. Rows still
-- 'running' at start belong to a process that died: they are answered again or offered again.
CREATE TABLE questions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id             INTEGER NOT NULL,
    user_id             INTEGER NOT NULL,
    in_group            INTEGER NOT NULL CHECK (in_group IN (0, 1)),
    text                TEXT    NOT NULL,
    message_id          INTEGER,
    replied_to_bot      INTEGER,
    cloud_allowed       INTEGER NOT NULL DEFAULT 0 CHECK (cloud_allowed IN (0, 1)),
    preview_message_id  INTEGER,
    runs                INTEGER NOT NULL DEFAULT 1,
    started_at          TEXT    NOT NULL,
    state               TEXT    NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'offered'))
);
CREATE INDEX questions_state ON questions (state);

-- The most a group's own Telegram admins may give their group per period, set by a bot admin (a bot
-- admin's /budget set group sets it too). A group without a row may get at most budget.group.
CREATE TABLE group_ceilings (
    group_id      INTEGER PRIMARY KEY,
    limit_micros  INTEGER NOT NULL CHECK (limit_micros >= 0),
    period        TEXT    NOT NULL CHECK (period IN ('day', 'week', 'month')),
    updated_at    TEXT    NOT NULL,
    updated_by    INTEGER
);
