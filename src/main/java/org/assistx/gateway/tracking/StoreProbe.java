package org.assistx.gateway.tracking;

import javax.sql.DataSource;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.jdbc.DataSourceHealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Whether the store answers: Boot's own database check (a valid connection), kept under the persistence
 * boundary so that the health wiring above it never touches the {@link DataSource}. Not a health indicator
 * itself: {@code ops.OpsHealthConfiguration} bounds it in time and publishes it as {@code db}.
 */
@Component
public class StoreProbe {

    private final DataSourceHealthIndicator check;

    public StoreProbe(DataSource dataSource) {
        this.check = new DataSourceHealthIndicator(dataSource);
    }

    public Health check() {
        return check.health();
    }
}
