package dev.chorus.store;

import java.lang.reflect.Type;
import java.sql.Types;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.argument.ArgumentFactory;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds a yes/no as 1 or 0. The schema stores them as integers with a {@code CHECK (x IN (0, 1))},
 * as SQLite has no boolean type; PostgreSQL's driver would bind a Java boolean as its own boolean
 * type, which an integer column refuses. Reading needs nothing: the driver reads 0/1 as false/true.
 */
final class BooleanAsInteger implements ArgumentFactory.Preparable {
    @Override
    public Optional<Function<Object, Argument>> prepare(Type type, ConfigRegistry config) {
        if (type != boolean.class && type != Boolean.class) {
            return Optional.empty();
        }
        return Optional.of(value -> (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.BIGINT);
            } else {
                statement.setLong(position, (Boolean) value ? 1 : 0);
            }
        });
    }
}
