package dev.cobra.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Migrating a fresh database announces each migration before it runs; a migrated one announces none. */
@ExtendWith(MariaDbExtension.class)
class MigrationProgressTest {
    @Test
    void eachMigrationIsAnnouncedAsItStarts(DbSettings settings) {
        List<String> announced = new ArrayList<>();
        try (Database db = new Database(settings, "migrate-progress")) {
            int applied = db.migrate(announced::add).migrationsExecuted;
            assertTrue(applied >= 3, "a fresh database gets every migration, got " + applied);
            assertEquals(applied, announced.size(), announced.toString());
            assertTrue(announced.get(0).startsWith("V1 "), announced.toString());
            assertTrue(announced.stream().anyMatch(s -> s.startsWith("V4 ")), announced.toString());

            announced.clear();
            db.migrate(announced::add);
            assertEquals(List.of(), announced, "nothing left to run");
        }
    }
}
