package org.assistx.gateway.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two nodes on one store: while one node runs a job, the other skips it; once it is done, the other may run it.
 * The second node is a second {@link ClusterJobs} on the same database (each takes the lock row through its
 * own statements, as two processes would).
 */
@SpringBootTest
@ActiveProfiles("test")
class ClusterJobsTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "cluster-jobs");
    }

    @Autowired
    ClusterJobs thisNode;
    @Autowired
    DataSource dataSource;

    @Test
    void aJobRunningOnOneNodeIsSkippedOnTheOther() throws Exception {
        ClusterJobs otherNode = new ClusterJobs(dataSource, Duration.ofMinutes(5));
        AtomicInteger runs = new AtomicInteger();
        HeldJob other = new HeldJob(otherNode, "outbox-sweep");

        assertThat(thisNode.once("outbox-sweep", runs::incrementAndGet)).as("skipped while the other node runs it").isFalse();
        assertThat(runs).hasValue(0);
        assertThat(thisNode.once("late-reply-sweep", runs::incrementAndGet)).as("another job is free").isTrue();
        assertThat(runs).hasValue(1);

        assertThat(other.release()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> thisNode.once("outbox-sweep", runs::incrementAndGet));
        assertThat(runs).hasValue(2);
    }
}
