-- What the router learned from the ratings, saved so that a start does not replay every rating.
-- Derived data: the ratings table is the truth, and this row is rebuilt from it whenever it is
-- missing, unreadable or made by other features, prior or catalog (the fingerprint).
CREATE TABLE quality_snapshot (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint     TEXT    NOT NULL,
    through_rating  INTEGER NOT NULL,
    state           BLOB    NOT NULL,
    at              TEXT    NOT NULL
);
