package org.assistx.gateway.tracking;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The periodic jobs that must not run on two nodes at once (outbox sweeps, callbacks, late replies, overdue
 * alerts, rechecks): each takes its row in table {@code shedlock} (ShedLock, with the database's clock, so
 * the nodes' clocks need not agree) and a node that finds the row taken skips that round. The jobs record what
 * they did, so running them one after another on different nodes is harmless; running them at the same
 * moment was not (two nodes' sweeps sent the same request in the same millisecond). A node that dies holding
 * a job gives it up after {@code assistx.cluster.job-lock-at-most} (5 min).
 */
@Component
public class ClusterJobs {

    private final LockingTaskExecutor executor;
    private final Duration lockAtMost;

    public ClusterJobs(DataSource dataSource,
            @Value("${assistx.cluster.job-lock-at-most:PT5M}") Duration lockAtMost) {
        this.executor = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(
                JdbcTemplateLockProvider.Configuration.builder()
                        .withJdbcTemplate(new JdbcTemplate(dataSource))
                        .withTableName("shedlock")
                        .usingDbTime()
                        .build()));
        this.lockAtMost = lockAtMost;
    }

    /**
     * Runs {@code job} here unless another node runs the job of that name right now.
     *
     * @return whether it ran here
     */
    public boolean once(String name, Runnable job) {
        try {
            return executor.executeWithLock(() -> {
                job.run();
                return Boolean.TRUE;
            }, new LockConfiguration(Instant.now(), name, lockAtMost, Duration.ZERO)).wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("job " + name + " failed", e);
        }
    }
}
