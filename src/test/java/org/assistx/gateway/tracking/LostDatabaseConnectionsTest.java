package org.assistx.gateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import com.zaxxer.hikari.SQLExceptionOverride.Override;
import org.junit.jupiter.api.Test;

/** The pool drops connections to an H2 server that went away, and decides as usual for anything else. */
class LostDatabaseConnectionsTest {

    private final LostDatabaseConnections rule = new LostDatabaseConnections();

    @Test
    void aBrokenOrClosedH2ConnectionIsEvicted() {
        assertThat(rule.adjudicate(new SQLException("Connection is broken", "90067", 90067))).isEqualTo(Override.MUST_EVICT);
        assertThat(rule.adjudicate(new SQLException("Database is already closed", "90121", 90121)))
                .isEqualTo(Override.MUST_EVICT);
        SQLException wrapped = new SQLException("statement failed", "HY000", 0, new SQLException("closed", "90098", 90098));
        assertThat(rule.adjudicate(wrapped)).isEqualTo(Override.MUST_EVICT);
    }

    @Test
    void otherErrorsAreLeftToThePool() {
        assertThat(rule.adjudicate(new SQLException("duplicate key", "23505", 23505))).isEqualTo(Override.CONTINUE_EVICT);
        assertThat(rule.adjudicate(new SQLException("connection refused", "08001", 0))).isEqualTo(Override.CONTINUE_EVICT);
    }
}
