-- When each kind of admin alert (a provider refusing our key, a model gone) last went out, so it
-- goes out once per quiet period: once for all replicas, and not again after a restart.
-- sent_at is fixed-width UTC text (milliseconds), so it compares in time order as text.
CREATE TABLE admin_alerts (
    alert_key  TEXT  PRIMARY KEY,
    sent_at    TEXT  NOT NULL
);
