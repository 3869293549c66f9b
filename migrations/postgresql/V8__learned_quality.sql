-- PostgreSQL's copy of ../V8__learned_quality.sql: INTEGER is BIGINT (Telegram ids and micro-dollars pass 32 bits), AUTOINCREMENT an identity, BLOB bytea.
-- What the router learned from the ratings, saved so that a start does not replay every rating.
-- Derived data: the ratings table is the truth, and this row is rebuilt from it whenever it is
-- missing, unreadable or made by other features, prior or catalog (the fingerprint).
CREATE TABLE quality_snapshot (
    id              BIGINT  PRIMARY KEY CHECK (id = 1),
    fingerprint     TEXT    NOT NULL,
    through_rating  BIGINT  NOT NULL,
    state           BYTEA   NOT NULL,
    at              TEXT    NOT NULL
);

-- What a capability probe measured, per model and domain: it stands in for the catalog's score in
-- the prior (and in /models). A new probe of a model replaces its rows.
CREATE TABLE probes (
    model        TEXT    NOT NULL,
    domain       TEXT    NOT NULL,
    passed       BIGINT  NOT NULL CHECK (passed >= 0),
    answered     BIGINT  NOT NULL CHECK (answered >= passed),
    score        DOUBLE PRECISION NOT NULL CHECK (score BETWEEN 0 AND 1),
    cost_micros  BIGINT  NOT NULL CHECK (cost_micros >= 0),
    at           TEXT    NOT NULL,
    PRIMARY KEY (model, domain)
);
