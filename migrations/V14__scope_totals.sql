-- A scope's use (holds + releases + charges) and spend (charges) per period, kept beside the ledger,
-- so checking a reservation reads one row instead of summing the period's ledger, which grows with
-- every call of the day (the global scope's with every call of everyone). The ledger stays the
-- record. A trigger adds every ledger row that is written to its scope's totals, in the same
-- transaction, whoever writes it: also a replica still on the version before this one, during a
-- rolling upgrade. A row skipped by ON CONFLICT DO NOTHING (a repeated settle) fires nothing.
CREATE TABLE scope_totals (
    scope_kind    TEXT    NOT NULL,
    scope_id      INTEGER NOT NULL,
    group_id      INTEGER NOT NULL DEFAULT 0,
    period_start  TEXT    NOT NULL,
    used_micros   INTEGER NOT NULL,
    spent_micros  INTEGER NOT NULL,
    PRIMARY KEY (scope_kind, scope_id, group_id, period_start)
);

CREATE TRIGGER ledger_adds_to_totals AFTER INSERT ON ledger
BEGIN
    INSERT INTO scope_totals (scope_kind, scope_id, group_id, period_start, used_micros, spent_micros)
    VALUES (NEW.scope_kind, NEW.scope_id, NEW.group_id, NEW.period_start, NEW.amount_micros,
            CASE WHEN NEW.kind = 'charge' THEN NEW.amount_micros ELSE 0 END)
    ON CONFLICT (scope_kind, scope_id, group_id, period_start) DO UPDATE
        SET used_micros = used_micros + excluded.used_micros,
            spent_micros = spent_micros + excluded.spent_micros;
END;

-- what was written before
INSERT INTO scope_totals (scope_kind, scope_id, group_id, period_start, used_micros, spent_micros)
SELECT scope_kind, scope_id, group_id, period_start, SUM(amount_micros),
       SUM(CASE WHEN kind = 'charge' THEN amount_micros ELSE 0 END)
FROM ledger GROUP BY scope_kind, scope_id, group_id, period_start;
