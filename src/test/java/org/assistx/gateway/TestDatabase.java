package org.assistx.gateway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Which database the tests use. By default H2 under the test's data directory. With
 * {@code -Dassistx.test.db=postgresql} (set by {@code scripts/pg-test}) each test context gets a fresh schema
 * in the PostgreSQL database named by {@code assistx.test.db.url} / {@code .user} / {@code .password}, and
 * Flyway migrates it at start as in production.
 */
public final class TestDatabase {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private TestDatabase() {
    }

    /** True when the tests run against PostgreSQL ({@code -Dassistx.test.db=postgresql}). */
    public static boolean postgresql() {
        return "postgresql".equalsIgnoreCase(System.getProperty("assistx.test.db", "h2"));
    }

    public static String user() {
        return System.getProperty("assistx.test.db.user", "assistx");
    }

    public static String password() {
        return System.getProperty("assistx.test.db.password", "");
    }

    /** On PostgreSQL: points {@code spring.datasource.*} at a fresh schema. On H2: nothing (the data dir decides). */
    public static void register(DynamicPropertyRegistry registry, String name) {
        if (postgresql()) {
            String url = freshSchema(name);
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", TestDatabase::user);
            registry.add("spring.datasource.password", TestDatabase::password);
        }
    }

    /**
     * Creates an empty schema named after the test (and this process and a counter) and returns a JDBC URL
     * whose connections work in it; Flyway then migrates that schema.
     */
    public static String freshSchema(String name) {
        String base = System.getProperty("assistx.test.db.url");
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("assistx.test.db=postgresql needs assistx.test.db.url");
        }
        String schema = ("t_" + name + "_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(base, user(), password());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " at " + base, e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
