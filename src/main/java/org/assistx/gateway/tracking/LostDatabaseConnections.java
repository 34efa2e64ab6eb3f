package org.assistx.gateway.tracking;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to drop a connection whose database went away. HikariCP evicts on the standard
 * connection-failure states ({@code 08xxx}), which PostgreSQL's driver reports; H2's client reports a server
 * that was restarted with codes of its own ({@code 90067} connection broken, {@code 90121} database closed at
 * shutdown, {@code 90098} database closed). Without this, a pool kept those dead connections until their
 * maximum lifetime (30 min), and every statement failed although the database was back. Set as
 * {@code spring.datasource.hikari.exception-override-class-name}.
 */
public class LostDatabaseConnections implements SQLExceptionOverride {

    private static final Set<Integer> H2_CONNECTION_LOST = Set.of(90067, 90098, 90121);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && H2_CONNECTION_LOST.contains(s.getErrorCode())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
