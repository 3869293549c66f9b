-- PostgreSQL's copy of ../V10__semantic_cache_and_sharing.sql: INTEGER is BIGINT (Telegram ids and micro-dollars pass 32 bits), AUTOINCREMENT an identity, BLOB bytea.
-- The answer cache by scope and by meaning. A scope is a private chat ("chat:<id>"), a group whose
-- admins share kept answers ("chat:<id>"), or one member of a group ("chat:<id>/user:<id>"), so no
-- one is served an answer written for someone else unless the group's admins said so. Each kept
-- question has its sentence embedding (little-endian float32), when the embedding model knows its
-- language, and its original wording, whose capitals and numbers the matching compares. Kept answers
-- are a day's worth of cache, so the old table's rows are not carried over.
DROP TABLE answer_cache;

CREATE TABLE answer_cache (
    scope        TEXT    NOT NULL,
    question_key TEXT    NOT NULL,
    question     TEXT    NOT NULL,
    answer       TEXT    NOT NULL,
    model        TEXT    NOT NULL,
    cost_micros  BIGINT  NOT NULL CHECK (cost_micros >= 0),
    at           TEXT    NOT NULL,
    embedding    BYTEA,
    PRIMARY KEY (scope, question_key)
);
CREATE INDEX answer_cache_recent ON answer_cache (scope, at);

-- Groups whose admins let members be served each other's kept answers (/cache share).
CREATE TABLE cache_sharing (
    chat_id     BIGINT  PRIMARY KEY,
    shared      BIGINT  NOT NULL CHECK (shared IN (0, 1)),
    updated_at  TEXT    NOT NULL,
    updated_by  BIGINT  NOT NULL
);
