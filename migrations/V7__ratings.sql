-- What an answer answered and how (strategy: the /multi strategy, null for one model), so that a
-- rating of it can say which model did what for which question.
ALTER TABLE answers ADD COLUMN question TEXT;
ALTER TABLE answers ADD COLUMN strategy TEXT;

-- Ratings as events, never updated: a person's later rating of the same answer replaces the earlier
-- one by being newer (the latest per answer and person counts). Each event carries the question and
-- the model, so what is learned from ratings can always be rebuilt from this table alone.
-- source: button (👍 5 / 👎 1), rate (/rate 1-5), better (↻ better model: a 👎 for the first model),
-- learn (imported with the learn command, user 0).
CREATE TABLE ratings (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id  INTEGER REFERENCES answers (id),
    chat_id    INTEGER NOT NULL,
    user_id    INTEGER NOT NULL,
    model      TEXT    NOT NULL,
    strategy   TEXT,
    question   TEXT    NOT NULL,
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment    TEXT,
    source     TEXT    NOT NULL CHECK (source IN ('button', 'rate', 'better', 'learn')),
    at         TEXT    NOT NULL
);
CREATE INDEX ratings_by_answer ON ratings (answer_id, user_id, id);
CREATE INDEX ratings_by_model ON ratings (model, id);
