package dev.chorus.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Stores instants as ISO-8601 UTC text. sqlite-jdbc would otherwise write timestamps as epoch
 * milliseconds, which a person reading the database with the sqlite3 shell cannot read, and which
 * sorts the same as the text anyway.
 */
final class InstantAsText {
    private InstantAsText() {
    }

    static final class ArgumentFactory extends AbstractArgumentFactory<Instant> {
        ArgumentFactory() {
            super(Types.VARCHAR);
        }

        @Override
        protected Argument build(Instant value, ConfigRegistry config) {
            return (position, statement, ctx) -> statement.setString(position, value.toString());
        }
    }

    static final class Mapper implements ColumnMapper<Instant> {
        @Override
        public Instant map(ResultSet r, int columnNumber, StatementContext ctx) throws SQLException {
            String text = r.getString(columnNumber);
            return text == null ? null : Instant.parse(text);
        }
    }
}
