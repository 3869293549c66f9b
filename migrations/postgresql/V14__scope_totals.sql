-- PostgreSQL's copy of ../V14__scope_totals.sql: INTEGER is BIGINT.
-- A scope's use (holds + releases + charges) and spend (charges) per period, kept beside the ledger:
-- every ledger row that is written adds to its scope's totals in the same transaction, so checking a
-- reservation reads one row instead of summing the period's ledger, which grows with every call of
-- the day (the global scope's with every call of everyone). The ledger stays the record; the totals
-- can be rebuilt from it at any time with the INSERT below.
CREATE TABLE scope_totals (
    scope_kind    TEXT    NOT NULL,
    scope_id      BIGINT  NOT NULL,
    group_id      BIGINT  NOT NULL DEFAULT 0,
    period_start  TEXT    NOT NULL,
    used_micros   BIGINT  NOT NULL,
    spent_micros  BIGINT  NOT NULL,
    PRIMARY KEY (scope_kind, scope_id, group_id, period_start)
);

INSERT INTO scope_totals (scope_kind, scope_id, group_id, period_start, used_micros, spent_micros)
SELECT scope_kind, scope_id, group_id, period_start, SUM(amount_micros),
       SUM(CASE WHEN kind = 'charge' THEN amount_micros ELSE 0 END)
FROM ledger GROUP BY scope_kind, scope_id, group_id, period_start;
