package org.assistx.gateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.assistx.gateway.TestDatabase;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The Flyway migrations on an empty store (H2, or PostgreSQL with {@code -Dassistx.test.db=postgresql}): every
 * one applies, a second run applies none, and the indexes the hot queries rely on exist.
 */
class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void everyMigrationAppliesOnAnEmptyStoreAndASecondRunChangesNothing() throws SQLException {
        DataSource ds = TestDatabase.postgresql()
                ? new DriverManagerDataSource(TestDatabase.freshSchema("migrations"),
                        TestDatabase.user(), TestDatabase.password())
                : new DriverManagerDataSource("jdbc:h2:file:" + dir.resolve("migrations"), "sa", "");
        Flyway flyway = Flyway.configure().dataSource(ds).locations("classpath:db/migration").load();

        int applied = flyway.migrate().migrationsExecuted;
        MigrationInfo[] all = flyway.info().all();
        assertThat(applied).isEqualTo(all.length).isGreaterThan(10);
        assertThat(Arrays.stream(all).map(MigrationInfo::getState)).containsOnly(MigrationState.SUCCESS);
        assertThat(flyway.migrate().migrationsExecuted).isZero();
        flyway.validate();

        Set<String> indexes = new TreeSet<>();
        try (Connection c = ds.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            for (String table : new String[] {"verification", "message", "inbound_refusal"}) {
                String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
                try (ResultSet rs = meta.getIndexInfo(null, c.getSchema(), name, false, false)) {
                    while (rs.next()) {
                        if (rs.getString("INDEX_NAME") != null) {
                            indexes.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        assertThat(indexes).contains("ix_verification_status", "ix_verification_created", "ix_verification_request_id",
                "ix_verification_applicant", "ix_verification_partner", "ix_message_verification",
                "ix_message_status", "ix_message_partner", "ix_message_partner_created", "ix_inbound_refusal_sender");
    }
}
