package org.assistx.gateway.chaos;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assistx.gateway.e2e.TownshipClient;

/**
 * Township systems submitting verification requests over HTTP at a steady pace, spread over the three
 * partners. A request that gets no 2xx (the gateway was killed, is starting, or failed) is sent again
 * with the same {@code requestId} and body until one comes back: the gateway answers a repeat with
 * {@code 200} and the same verification id, so a request counts as accepted at its first 2xx.
 */
final class TownshipLoad implements AutoCloseable {

    static final String TOWNSHIP = "610113001";

    /** An applicant and the partner the policy routes her to. */
    record Applicant(String partner, String idNumber, String name, String hukou, String nature) {
    }

    static final List<Applicant> APPLICANTS = List.of(
            new Applicant("xian-county-bureaus", "610104199001011234", "张三", "610104003", "RURAL"),
            new Applicant("xian-county-bureaus", "610104198503150029", "李四", "610104003", "URBAN"),
            new Applicant("guangdong-44", "440305199206110039", "林晓东", "440305001", "URBAN"),
            new Applicant("guangdong-44", "440106198807150029", "陈小梅", "440106003", "URBAN"),
            new Applicant("zhejiang-33", "330106199003070022", "周晓燕", "330106008", "RURAL"),
            new Applicant("zhejiang-33", "330102196502140030", "钱国平", "330102004", "URBAN"));

    private static final Duration GIVE_UP = Duration.ofMinutes(3);

    private final TownshipClient client;
    private final int requests;
    private final long intervalMillis;
    private final Random random;
    private final ScheduledExecutorService senders;
    /** requestId → verificationId, once a 2xx came back. */
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    /** requestId → the partner it was meant for. */
    private final Map<String, String> partnerOf = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();

    TownshipLoad(int port, int requests, Duration spread, long seed) {
        this.client = new TownshipClient(port);
        this.requests = requests;
        this.intervalMillis = Math.max(1, spread.toMillis() / requests);
        this.random = new Random(seed);
        this.senders = Executors.newScheduledThreadPool(16, r -> {
            Thread t = new Thread(r, "chaos-township");
            t.setDaemon(true);
            return t;
        });
    }

    /** Schedules every request at its moment; returns at once. */
    void start() {
        for (int i = 0; i < requests; i++) {
            Applicant a = APPLICANTS.get(random.nextInt(APPLICANTS.size()));
            String requestId = String.format("%s-chaos-%05d", TOWNSHIP, i);
            partnerOf.put(requestId, a.partner());
            String body = TownshipClient.dibaoRequest(requestId, a.idNumber(), a.name(), a.hukou(), a.nature());
            senders.schedule(() -> submit(requestId, body), i * intervalMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void submit(String requestId, String body) {
        try {
            await("requestId " + requestId + " accepted").atMost(GIVE_UP).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(300)).until(() -> attempt(requestId, body));
        } catch (RuntimeException gaveUp) {
            refused.putIfAbsent(requestId, "no 2xx within " + GIVE_UP + ": " + gaveUp.getMessage());
        } finally {
            done.incrementAndGet();
        }
    }

    /** One try: true when settled (a 2xx, or a refusal that no retry would change). */
    private boolean attempt(String requestId, String body) {
        TownshipClient.Reply r;
        try {
            r = client.post("/api/v1/verifications", TOWNSHIP, body);
        } catch (IllegalStateException connectionFailed) {
            retries.incrementAndGet();
            return false;
        }
        if (r.status() == 200 || r.status() == 202) {
            accepted.put(requestId, r.body().path("verificationId").asText());
            String routed = r.body().path("route").path("partner").asText();
            if (!routed.equals(partnerOf.get(requestId))) {
                refused.put(requestId, "routed to '" + routed + "', not to " + partnerOf.get(requestId));
            }
            return true;
        }
        if (r.status() == 429 || r.status() >= 500) {
            retries.incrementAndGet();
            return false;
        }
        refused.put(requestId, r.status() + " " + r.text());
        return true;
    }

    boolean finished() {
        return done.get() == requests;
    }

    int submittedOrSettled() {
        return done.get();
    }

    int acceptedCount() {
        return accepted.size();
    }

    Map<String, String> accepted() {
        return Map.copyOf(accepted);
    }

    String partnerOf(String requestId) {
        return partnerOf.get(requestId);
    }

    Map<String, String> refused() {
        return Map.copyOf(refused);
    }

    int clientRetries() {
        return retries.get();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
