package dev.chorus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chorus.testing.StoreKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two migration folders build one schema: the same versions, and after them the same tables
 * with the same columns. The dialects differ only in types, which this does not compare.
 */
class MigrationParityTest {
    @TempDir
    Path dir;

    @Test
    void bothDialectsHaveTheSameMigrations() throws IOException {
        assertThat(versions(Path.of("migrations/postgresql"))).isEqualTo(versions(Path.of("migrations")));
    }

    @Test
    void bothDialectsEndWithTheSameTablesAndColumns() {
        Map<String, TreeSet<String>> sqlite;
        try (Database db = StoreKind.SQLITE.open(dir.resolve("parity.db"))) {
            sqlite = columns(db, """
                    SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
                    WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                    """);
        }
        Map<String, TreeSet<String>> postgres;
        try (Database db = StoreKind.POSTGRESQL.open(dir.resolve("parity.db"))) {
            postgres = columns(db, """
                    SELECT table_name AS t, column_name AS c FROM information_schema.columns
                    WHERE table_schema = current_schema()
                    """);
        }
        assertThat(postgres).isEqualTo(sqlite);
        assertThat(sqlite).containsKeys("reservations", "ledger", "outbox", "questions", "replicas", "scope_locks");
    }

    private static List<String> versions(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
    }

    private static Map<String, TreeSet<String>> columns(Database db, String sql) {
        Map<String, TreeSet<String>> tables = new TreeMap<>();
        db.jdbi().useHandle(h -> h.createQuery(sql).map((rs, ctx) -> Map.entry(rs.getString("t"), rs.getString("c")))
                .forEach(e -> tables.computeIfAbsent(e.getKey(), k -> new TreeSet<>()).add(e.getValue())));
        return tables;
    }
}
