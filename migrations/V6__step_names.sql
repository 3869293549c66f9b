-- The admins' name of a pipeline step (draft, critique, final...), shown in the footer and /trace
-- instead of the generic role; null for every other kind of step.
ALTER TABLE answer_steps ADD COLUMN name TEXT;
