-- PostgreSQL's copy of ../V6__step_names_and_multi_questions.sql: INTEGER is BIGINT (Telegram ids and micro-dollars pass 32 bits), AUTOINCREMENT an identity, BLOB bytea.
-- The admins' name of a pipeline step (draft, critique, final...), shown in the footer and /trace
-- instead of the generic role; null for every other kind of step.
ALTER TABLE answer_steps ADD COLUMN name TEXT;

-- How a journaled question was asked, so that a restart answers it the same way: 'ask', 'multi'
-- (strategy picked by the task) or 'multi <strategy>'; confirmed: the asker already agreed to a
-- dear run's cost (a run not yet agreed to is asked about again, never run unasked).
ALTER TABLE questions ADD COLUMN command TEXT NOT NULL DEFAULT 'ask';
ALTER TABLE questions ADD COLUMN confirmed BIGINT  NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1));
