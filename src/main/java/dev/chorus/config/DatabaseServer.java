package dev.chorus.config;

import java.util.Optional;

/**
 * A PostgreSQL server the bot keeps its data in instead of the SQLite file, so that several
 * replicas can share it.
 *
 * @param url the JDBC URL; a secret, since such a URL may carry a password
 */
public record DatabaseServer(Secret url, Optional<String> user, Optional<Secret> password, int poolSize) {
}
