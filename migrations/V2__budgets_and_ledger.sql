-- Budgets: one row per scope that has its own limit; scopes without a row use the config defaults.
-- scope_kind: 'user' (scope_id = user id), 'group' (scope_id = chat id), 'member' (a user's cap inside
-- a group: scope_id = user id, group_id = chat id; group_id 0 = the cap for every member of every
-- group), 'global' (scope_id 0). Money is integer micro-dollars.
CREATE TABLE budgets (
    scope_kind    TEXT    NOT NULL CHECK (scope_kind IN ('user', 'group', 'member', 'global')),
    scope_id      INTEGER NOT NULL,
    group_id      INTEGER NOT NULL DEFAULT 0,
    limit_micros  INTEGER NOT NULL CHECK (limit_micros >= 0),
    period        TEXT    NOT NULL CHECK (period IN ('day', 'week', 'month')),
    updated_at    TEXT    NOT NULL,
    updated_by    INTEGER,
    PRIMARY KEY (scope_kind, scope_id, group_id)
);

-- One row per provider call that reserved money. state: open (reserved), sent (the request went
-- out, so it may be billed), settled, released (never sent), reconciled (found open after a crash).
CREATE TABLE reservations (
    id               TEXT    PRIMARY KEY,
    created_at       TEXT    NOT NULL,
    user_id          INTEGER NOT NULL,
    chat_id          INTEGER NOT NULL,
    model            TEXT    NOT NULL,
    purpose          TEXT    NOT NULL,
    reserved_micros  INTEGER NOT NULL CHECK (reserved_micros >= 0),
    estimate_micros  INTEGER NOT NULL CHECK (estimate_micros >= 0),
    state            TEXT    NOT NULL CHECK (state IN ('open', 'sent', 'settled', 'released', 'reconciled')),
    charged_micros   INTEGER,
    cost_estimated   INTEGER NOT NULL DEFAULT 0 CHECK (cost_estimated IN (0, 1)),
    closed_at        TEXT
);
CREATE INDEX reservations_state ON reservations (state);

-- Append-only ledger. Each reservation holds its upper bound against every scope it touches; closing
-- it releases the hold and charges the real cost. A scope's use in a period is the sum of its rows.
-- entry_key is unique, so a retried settle or release is counted once.
CREATE TABLE ledger (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    entry_key       TEXT    NOT NULL UNIQUE,
    reservation_id  TEXT    NOT NULL REFERENCES reservations (id),
    scope_kind      TEXT    NOT NULL,
    scope_id        INTEGER NOT NULL,
    group_id        INTEGER NOT NULL DEFAULT 0,
    period_start    TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('hold', 'release', 'charge')),
    amount_micros   INTEGER NOT NULL,
    model           TEXT    NOT NULL,
    at              TEXT    NOT NULL
);
CREATE INDEX ledger_scope_period ON ledger (scope_kind, scope_id, group_id, period_start);

-- Budget alerts already sent, so each threshold alerts once per scope and period, across restarts.
CREATE TABLE alerts_sent (
    scope_kind    TEXT    NOT NULL,
    scope_id      INTEGER NOT NULL,
    group_id      INTEGER NOT NULL DEFAULT 0,
    period_start  TEXT    NOT NULL,
    threshold     INTEGER NOT NULL,
    sent_at       TEXT    NOT NULL,
    PRIMARY KEY (scope_kind, scope_id, group_id, period_start, threshold)
);
