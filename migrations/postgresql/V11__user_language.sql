-- PostgreSQL's copy of ../V11__user_language.sql: INTEGER is BIGINT (Telegram ids and micro-dollars pass 32 bits), AUTOINCREMENT an identity, BLOB bytea.
-- The language each user reads the bot in: the one they chose with /language, which wins, and the
-- one their Telegram app last said (language_code), for messages sent to them unprompted (alerts).
-- Per user, not per chat: in a group each person gets replies in their own language.
ALTER TABLE users ADD COLUMN telegram_language TEXT;
ALTER TABLE users ADD COLUMN chosen_language TEXT CHECK (chosen_language IN ('en', 'ru'));
