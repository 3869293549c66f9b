package dev.chorus.store;

import dev.chorus.orchestration.AlertRepeats;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin alerts' last times in the database, shared by every process on it. One conditional upsert
 * decides: it writes only when the alert is new or its quiet period is over, and the process whose
 * write landed sends. When the database cannot be reached, this process decides alone: an alert
 * told twice is better than one not told. Thread-safe.
 */
public final class JdbiAlertRepeats implements AlertRepeats {
    private static final Logger log = LoggerFactory.getLogger(JdbiAlertRepeats.class);
    // fixed width, unlike Instant.toString(), so that the text compares in time order
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Database database;
    private final AlertRepeats unreachable = AlertRepeats.inMemory();

    public JdbiAlertRepeats(Database database) {
        this.database = database;
    }

    @Override
    public boolean firstWithin(String key, Instant now, Duration quietPeriod) {
        try {
            return database.jdbi().withHandle(h -> h.createUpdate("""
                            INSERT INTO admin_alerts (alert_key, sent_at) VALUES (:key, :now)
                            ON CONFLICT (alert_key) DO UPDATE SET sent_at = excluded.sent_at
                            WHERE admin_alerts.sent_at <= :quietSince
                            """)
                    .bind("key", key).bind("now", AT.format(now)).bind("quietSince", AT.format(now.minus(quietPeriod)))
                    .execute()) == 1;
        } catch (JdbiException e) {
            log.warn("cannot record admin alert {} in the database ({}); deciding in this process", key,
                    e.getClass().getSimpleName());
            return unreachable.firstWithin(key, now, quietPeriod);
        }
    }
}
