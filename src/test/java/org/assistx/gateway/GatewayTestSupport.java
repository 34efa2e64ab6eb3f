package org.assistx.gateway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Shared set-up of tests that start the whole gateway: a fresh data directory per test context.
 *
 * <p>By default the store is H2 under the data directory. With {@code -Dassistx.test.db=postgresql} (set by
 * {@code scripts/pg-test}) each test context gets a fresh schema in the PostgreSQL database named by
 * {@code assistx.test.db.url} / {@code .user} / {@code .password}, and Flyway migrates it at start as in
 * production.
 */
public final class GatewayTestSupport {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    private GatewayTestSupport() {
    }

    /** Points the store (H2, or a fresh PostgreSQL schema) and the Artemis journal at a new place. */
    public static Path freshDataDir(DynamicPropertyRegistry registry, String name) {
        int context = CONTEXTS.incrementAndGet();
        Path dir = Path.of("target", "test-data", name + "-" + ProcessHandle.current().pid() + "-"
                + context).toAbsolutePath();
        registry.add("assistx.data-dir", dir::toString);
        if (postgresql()) {
            String url = freshPostgresSchema(name);
            registry.add("spring.datasource.url", () -> url);
            registry.add("spring.datasource.username", GatewayTestSupport::postgresUser);
            registry.add("spring.datasource.password", GatewayTestSupport::postgresPassword);
        }
        return dir;
    }

    /** True when the tests run against PostgreSQL ({@code -Dassistx.test.db=postgresql}). */
    public static boolean postgresql() {
        return "postgresql".equalsIgnoreCase(System.getProperty("assistx.test.db", "h2"));
    }

    public static String postgresUser() {
        return System.getProperty("assistx.test.db.user", "assistx");
    }

    public static String postgresPassword() {
        return System.getProperty("assistx.test.db.password", "");
    }

    /**
     * Creates an empty schema named after the test (and this process and context) and returns a JDBC URL whose
     * connections work in it; Flyway then migrates that schema.
     */
    public static String freshPostgresSchema(String name) {
        String base = System.getProperty("assistx.test.db.url");
        if (base == null || base.isBlank()) {
            throw new IllegalStateException("assistx.test.db=postgresql needs assistx.test.db.url");
        }
        String schema = ("t_" + name + "_" + ProcessHandle.current().pid() + "_" + CONTEXTS.incrementAndGet())
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(base, postgresUser(), postgresPassword());
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " at " + base, e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
