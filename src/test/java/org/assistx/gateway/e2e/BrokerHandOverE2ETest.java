package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.Interceptor;
import org.apache.activemq.artemis.core.protocol.core.Packet;
import org.apache.activemq.artemis.core.protocol.core.impl.PacketImpl;
import org.apache.activemq.artemis.core.protocol.core.impl.wireformat.SessionSendMessage;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.simulator.SimulatorReplies;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hand-over from the dispatch queue to a partner's queue is one broker transaction: taking the id off
 * {@code assistx.core.verifications} and putting it on {@code assistx.delivery.<partner>} commit together or
 * not at all. The broker (Artemis over TCP, as in production) drops the gateway's connection at the worst
 * moment a restart can hit: when the commit of the transaction that holds the send to the partner's queue
 * arrives. The verification must still be answered, without the stale sweep (its {@code stale-after} is an
 * hour here, longer than the test). Before the fix the id was acknowledged on the dispatch queue in a
 * transaction of its own, committed first, and vanished: ACCEPTED, both queues empty, no dead letter.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@DirtiesContext
class BrokerHandOverE2ETest {

    private static final String PARTNER_QUEUE_PREFIX = "assistx.delivery.";
    private static EmbeddedActiveMQ broker;
    private static final DropCommitAfterHandOver DROP = new DropCommitAfterHandOver();
    private static final HoldHandOver HOLD = new HoldHandOver();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws Exception {
        Path dir = GatewayTestSupport.freshDataDir(registry, "hand-over");
        int brokerPort = ExternalBroker.freePort();
        // configured as a deployment's broker would be, with the shipped docs/deploy/broker.xml
        broker = ExternalBroker.start(dir.resolve("broker"), brokerPort, true);
        broker.getActiveMQServer().getRemotingService().addIncomingInterceptor(DROP);
        broker.getActiveMQServer().getRemotingService().addIncomingInterceptor(HOLD);
        ExternalBroker.gatewayOnBroker(registry, brokerPort);
    }

    /**
     * Stops the servers when the gateway's context closes, after its listeners stopped (stopped earlier, they
     * would keep reconnecting and hold up the end of the test JVM).
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class Servers {
        @Bean
        DisposableBean stopServersLast() {
            return () -> {
                broker.stop();
            };
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SimulatorReplies replies;

    @Test
    void anIdHandedToItsPartnerQueueSurvivesTheConnectionDyingAtTheCommit() {
        TownshipClient township = new TownshipClient(port);
        int before = replies.answered("xian-county-bureaus");
        DROP.arm();
        TownshipClient.Reply r = township.post("/api/v1/verifications", "610113001",
                TownshipClient.tourRequest("hand-over-1", "610104199001011234", "张三"));
        assertThat(r.status()).as(r.text()).isEqualTo(202);
        String id = r.body().path("verificationId").asText();

        await().atMost(Duration.ofSeconds(30)).until(() -> DROP.dropped() == 1);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> assertThat(township.get("/api/v1/verifications/" + id, "610113001").body()
                        .path("status").asText())
                        .as("the verification (the dispatch queue has %s message(s), the partner's queue %s)",
                                depth("assistx.core.verifications"), depth(PARTNER_QUEUE_PREFIX + "xian-county-bureaus"))
                        .isEqualTo("ANSWERED"));
        assertThat(replies.answered("xian-county-bureaus") - before).as("one effect at the partner").isEqualTo(1);
    }

    /**
     * A township's {@code 202} means stored, not "the broker took it": a broker that does not take the
     * hand-over (here it holds every send to the dispatch queue, as one that is failing over or stalled on its
     * disk) does not hold up the submission. Before, the request thread made that send itself and waited for
     * the broker (10–14 s with the broker down); here the {@code 202} must come while the send is still held.
     */
    @Test
    void aSubmissionIsAcceptedWhileTheBrokerHoldsItsHandOver() {
        TownshipClient township = new TownshipClient(port);
        HOLD.arm();
        String id;
        try {
            CompletableFuture<TownshipClient.Reply> post = CompletableFuture.supplyAsync(() -> township.post(
                    "/api/v1/verifications", "610113001",
                    TownshipClient.tourRequest("held-hand-over-1", "610104199001011234", "张三")));
            await("the 202 while the broker holds the hand-over").atMost(Duration.ofSeconds(30)).until(post::isDone);
            TownshipClient.Reply r = post.join();
            assertThat(r.status()).as(r.text()).isEqualTo(202);
            id = r.body().path("verificationId").asText();
            await("the hand-over's send reaching the broker").atMost(Duration.ofSeconds(30)).until(() -> HOLD.held() >= 1);
            assertThat(township.get("/api/v1/verifications/" + id, "610113001").body().path("status").asText())
                    .isEqualTo("ACCEPTED");
        } finally {
            HOLD.release();
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .untilAsserted(() -> assertThat(township.get("/api/v1/verifications/" + id, "610113001").body()
                        .path("status").asText()).isEqualTo("ANSWERED"));
    }

    private static long depth(String queue) {
        var q = broker.getActiveMQServer().locateQueue(org.apache.activemq.artemis.api.core.SimpleString.of(queue));
        return q == null ? -1 : q.getMessageCount();
    }

    /** Once armed: holds every send to the dispatch queue until released (at most a minute). */
    static final class HoldHandOver implements Interceptor {

        private final AtomicInteger held = new AtomicInteger();
        private volatile CountDownLatch release = new CountDownLatch(0);

        void arm() {
            release = new CountDownLatch(1);
        }

        void release() {
            release.countDown();
        }

        int held() {
            return held.get();
        }

        @Override
        public boolean intercept(Packet packet, RemotingConnection connection) {
            if (release.getCount() > 0 && packet instanceof SessionSendMessage send && send.getMessage().getAddress() != null
                    && send.getMessage().getAddress().equals("assistx.core.verifications")) {
                held.incrementAndGet();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return true;
        }
    }

    /**
     * Once armed: remembers the sessions that send to a partner's delivery queue, and when the first of them
     * commits, drops that commit and fails the client's connection, as a broker that stops at that moment.
     */
    static final class DropCommitAfterHandOver implements Interceptor {

        private final Set<String> handingOver = ConcurrentHashMap.newKeySet();
        private final AtomicInteger dropped = new AtomicInteger();
        private volatile boolean armed;

        void arm() {
            handingOver.clear();
            armed = true;
        }

        int dropped() {
            return dropped.get();
        }

        @Override
        public boolean intercept(Packet packet, RemotingConnection connection) {
            if (!armed) {
                return true;
            }
            String session = connection.getID() + "/" + packet.getChannelID();
            if (packet instanceof SessionSendMessage send && send.getMessage().getAddress() != null
                    && send.getMessage().getAddress().startsWith(PARTNER_QUEUE_PREFIX)) {
                handingOver.add(session);
            } else if (packet.getType() == PacketImpl.SESS_COMMIT && handingOver.contains(session)) {
                armed = false;
                dropped.incrementAndGet();
                connection.fail(new ActiveMQException(ActiveMQExceptionType.DISCONNECTED,
                        "test: the broker went away as the hand-over committed"));
                return false;
            }
            return true;
        }
    }
}
