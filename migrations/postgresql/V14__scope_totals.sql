-- PostgreSQL's copy of ../V14__scope_totals.sql: INTEGER is BIGINT, and the trigger's body is a function.
-- A scope's use (holds + releases + charges) and spend (charges) per period, kept beside the ledger,
-- so checking a reservation reads one row instead of summing the period's ledger, which grows with
-- every call of the day (the global scope's with every call of everyone). The ledger stays the
-- record. A trigger adds every ledger row that is written to its scope's totals, in the same
-- transaction, whoever writes it: also a replica still on the version before this one, during a
-- rolling upgrade. A row skipped by ON CONFLICT DO NOTHING (a repeated settle) fires nothing.
CREATE TABLE scope_totals (
    scope_kind    TEXT    NOT NULL,
    scope_id      BIGINT  NOT NULL,
    group_id      BIGINT  NOT NULL DEFAULT 0,
    period_start  TEXT    NOT NULL,
    used_micros   BIGINT  NOT NULL,
    spent_micros  BIGINT  NOT NULL,
    PRIMARY KEY (scope_kind, scope_id, group_id, period_start)
);

CREATE FUNCTION ledger_adds_to_totals() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO scope_totals (scope_kind, scope_id, group_id, period_start, used_micros, spent_micros)
    VALUES (NEW.scope_kind, NEW.scope_id, NEW.group_id, NEW.period_start, NEW.amount_micros,
            CASE WHEN NEW.kind = 'charge' THEN NEW.amount_micros ELSE 0 END)
    ON CONFLICT (scope_kind, scope_id, group_id, period_start) DO UPDATE
        SET used_micros = scope_totals.used_micros + excluded.used_micros,
            spent_micros = scope_totals.spent_micros + excluded.spent_micros;
    RETURN NULL;
END
$$;

-- Creating the trigger locks the ledger against writes until this migration commits, so no row
-- written meanwhile is missed by the sum below: it waits, and then fires the trigger.
CREATE TRIGGER ledger_adds_to_totals AFTER INSERT ON ledger
    FOR EACH ROW EXECUTE FUNCTION ledger_adds_to_totals();

-- what was written before
INSERT INTO scope_totals (scope_kind, scope_id, group_id, period_start, used_micros, spent_micros)
SELECT scope_kind, scope_id, group_id, period_start, SUM(amount_micros),
       SUM(CASE WHEN kind = 'charge' THEN amount_micros ELSE 0 END)
FROM ledger GROUP BY scope_kind, scope_id, group_id, period_start;
