-- The language each user reads the bot in: the one they chose with /language, which wins, and the
-- one their Telegram app last said (language_code), for messages sent to them unprompted (alerts).
-- Per user, not per chat: in a group each person gets replies in their own language.
ALTER TABLE users ADD COLUMN telegram_language TEXT;
ALTER TABLE users ADD COLUMN chosen_language TEXT CHECK (chosen_language IN ('en', 'ru'));
