package org.assistx.gateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.assistx.gateway.policy.IdNumber;

/**
 * The load generator of {@code bench/run}: a process of its own that drives the gateway's REST ingress with
 * unique cross-county verification requests from the 172 townships of 西安市 (6101), then reads back from
 * the gateway when each answer was stored ({@code answeredAt} of {@code GET /api/v1/verifications/{id}}).
 *
 * <p>Phases, each {@code --seconds} long: <b>saturation</b> (closed loop: {@code --connections} clients,
 * each posting its next request as soon as the last one was answered), a <b>fixed</b> open-loop offered rate
 * ({@code --rate}, or half of the round trips per second reached at saturation), and a <b>sweep</b> of
 * open-loop rates (fractions of that saturation rate) for the plot. Open loop: request {@code k} is due at
 * {@code start + k / rate}; its latency counts from when it was due, not from when a free connection sent it,
 * so a queue in front of the gateway is not hidden. Between phases the backlog drains.
 *
 * <p>Per phase: accepted requests per second; round trips per second — the phase's answers divided by the time
 * from its start to its last stored answer (so a backlog that drains after the load still counts, at the rate
 * it drains), and the answers stored during the load alone divided by its length; p50/p99 of POST → answer
 * stored. Written to {@code points.csv}.
 */
public final class LoadClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Township(String code, String county) {
    }

    record Sent(String verificationId, String township, long dueMillis) {
    }

    /** One measured phase. */
    record Point(String phase, double offered, double acceptedPerSecond, double roundTripsPerSecond,
            double duringLoadPerSecond, double p50, double p99, int accepted, int answered, int undetermined,
            int unfinished, int refused) {

        String csv() {
            return String.join(",", phase, fmt(offered), fmt(acceptedPerSecond), fmt(roundTripsPerSecond),
                    fmt(duringLoadPerSecond), fmt(p50), fmt(p99), String.valueOf(accepted), String.valueOf(answered),
                    String.valueOf(undetermined), String.valueOf(unfinished), String.valueOf(refused));
        }

        static final String HEADER = "phase,offered,accepted_per_s,round_trips_per_s,during_load_per_s,p50_ms,p99_ms,"
                + "accepted,answered,undetermined,unfinished,refused";
    }

    private final URI target;
    private final int connections;
    private final List<Township> townships;
    private final HttpClient http;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong sequence = new AtomicLong();

    LoadClient(URI target, int connections, List<Township> townships) {
        this.target = target;
        this.connections = connections;
        this.townships = townships;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = Args.parse(args);
        URI target = URI.create(o.getOrDefault("target", "http://127.0.0.1:8080"));
        int seconds = Integer.parseInt(o.getOrDefault("seconds", "20"));
        int connections = Integer.parseInt(o.getOrDefault("connections", "16"));
        double rate = Double.parseDouble(o.getOrDefault("rate", "0"));
        String fractions = o.getOrDefault("sweep", "0.25,0.5,0.75,1.0,1.5");
        double[] sweep = fractions.isBlank() ? new double[0]
                : Arrays.stream(fractions.split(",")).mapToDouble(Double::parseDouble).toArray();
        Path out = Path.of(o.getOrDefault("out", "bench-points.csv"));
        Path streets = Path.of(o.getOrDefault("divisions", "src/main/resources/divisions/streets.csv"));

        LoadClient client = new LoadClient(target, connections, townships(streets, "6101"));
        System.out.printf("load: %d townships of 6101, %d connections, %d s per phase, target %s%n",
                client.townships.size(), connections, seconds, target);
        List<Point> points = new ArrayList<>();
        client.phase("warm-up", 0, Math.min(5, seconds));
        Point saturation = client.phase("saturation", 0, seconds);
        points.add(saturation);
        double fixedRate = rate > 0 ? rate : Math.max(1, Math.round(saturation.roundTripsPerSecond() / 2));
        points.add(client.phase("fixed", fixedRate, seconds));
        for (double f : sweep) {
            double r = Math.max(1, Math.round(saturation.roundTripsPerSecond() * f));
            points.add(client.phase("sweep-" + f, r, Math.max(5, seconds / 2)));
        }
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.println(Point.HEADER);
            points.forEach(p -> w.println(p.csv()));
        }
        System.out.println("load: points written to " + out);
    }

    /** Runs one phase (rate 0 = closed loop), waits for its backlog to drain and measures it. */
    Point phase(String name, double rate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong slot = new AtomicLong();
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        long endNanos = startNanos + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        for (int c = 0; c < connections; c++) {
            pool.submit(() -> {
                while (true) {
                    long dueNanos;
                    if (rate > 0) {
                        dueNanos = startNanos + (long) (slot.getAndIncrement() * 1e9 / rate);
                        if (dueNanos >= endNanos) {
                            return null;
                        }
                        long wait = dueNanos - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                    } else {
                        dueNanos = System.nanoTime();
                        if (dueNanos >= endNanos) {
                            return null;
                        }
                    }
                    long dueMillis = startMillis + TimeUnit.NANOSECONDS.toMillis(dueNanos - startNanos);
                    Sent s = post(dueMillis);
                    if (s == null) {
                        refused.incrementAndGet();
                    } else {
                        sent.add(s);
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 120L, TimeUnit.SECONDS);
        double window = seconds;
        long windowEnd = startMillis + seconds * 1000L;
        List<Sent> all = new ArrayList<>(sent);
        List<long[]> outcomes = collect(all, Duration.ofSeconds(60 + 4L * seconds));
        List<Long> latencies = new ArrayList<>();
        int answered = 0;
        int undetermined = 0;
        int unfinished = 0;
        int inWindow = 0;
        long lastAnswer = startMillis;
        for (int i = 0; i < all.size(); i++) {
            long[] r = outcomes.get(i);
            if (r[0] == 1) {
                answered++;
                latencies.add(r[1] - all.get(i).dueMillis());
                lastAnswer = Math.max(lastAnswer, r[1]);
                if (r[1] <= windowEnd) {
                    inWindow++;
                }
            } else if (r[0] == 2) {
                undetermined++;
            } else {
                unfinished++;
            }
        }
        latencies.sort(Long::compare);
        double toLastAnswer = Math.max(window, (lastAnswer - startMillis) / 1000.0);
        Point p = new Point(name, rate > 0 ? rate : all.size() / window, all.size() / window,
                answered / toLastAnswer, inWindow / window, percentile(latencies, 50), percentile(latencies, 99), all.size(), answered, undetermined, unfinished,
                refused.get());
        System.out.printf(Locale.ROOT, "phase %-12s offered=%.1f/s accepted=%.1f/s roundTrips=%.1f/s "
                        + "(during the load %.1f/s) p50=%.0fms p99=%.0fms (accepted %d, answered %d, undetermined %d, "
                        + "unfinished %d, refused %d)%n", name, p.offered(), p.acceptedPerSecond(),
                p.roundTripsPerSecond(), p.duringLoadPerSecond(), p.p50(), p.p99(), p.accepted(), answered,
                undetermined, unfinished, p.refused());
        return p;
    }

    private Sent post(long dueMillis) {
        long n = sequence.getAndIncrement();
        Township residence = townships.get((int) (n % townships.size()));
        Township hukou = otherCounty(residence, n);
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays((n / 1000) % 18000);
        String first17 = hukou.county() + born.toString().replace("-", "") + String.format("%03d", n % 1000);
        String idNumber = first17 + IdNumber.checkCharacter(first17);
        String body = """
            {"requestId": "bench-%s-%d", "appliedOn": "2026-09-01", "residenceTownship": "%s",
             "applicant": {"idNumber": "%s", "name": "测试%d", "hukouDivision": "%s", "hukouNature": "RURAL"},
             "residenceSince": "2026-01-15", "assistanceType": "DIBAO", "declarationOfNonReceipt": true,
             "emergency": null, "proofOfNonReceipt": null}
            """.formatted(runId, n, residence.code(), idNumber, n % 10000, hukou.code());
        HttpRequest request = HttpRequest.newBuilder(target.resolve("/api/v1/verifications"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-Client-Org", residence.code())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() != 202) {
                if (n < 3 || n % 1000 == 0) {
                    System.out.println("load: refused " + r.statusCode() + " " + r.body());
                }
                return null;
            }
            return new Sent(JSON.readTree(r.body()).path("verificationId").asText(), residence.code(), dueMillis);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Township otherCounty(Township residence, long n) {
        for (int step = 0; ; step++) {
            Township t = townships.get((int) ((n * 7 + 13 + step) % townships.size()));
            if (!t.county().equals(residence.county())) {
                return t;
            }
        }
    }

    /**
     * Waits until the last request of the phase is final (the backlog drained, or the deadline passed), then reads
     * each one's state: {1, answeredAt} answered, {2, 0} undetermined, {0, 0} not finished by the deadline.
     */
    private List<long[]> collect(List<Sent> all, Duration drain) throws Exception {
        long deadline = System.nanoTime() + drain.toNanos();
        if (!all.isEmpty()) {
            Sent last = all.stream().max((a, b) -> Long.compare(a.dueMillis(), b.dueMillis())).orElseThrow();
            while (state(last)[0] == 0 && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
        long[][] results = new long[all.size()][];
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(connections, 8));
        for (int c = 0; c < Math.min(connections, 8); c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < all.size(); i = next.getAndIncrement()) {
                    long[] s = state(all.get(i));
                    while (s[0] == 0 && System.nanoTime() < deadline) {
                        Thread.sleep(200);
                        s = state(all.get(i));
                    }
                    results[i] = s;
                }
                return null;
            });
        }
        pool.shutdown();
        pool.awaitTermination(drain.toSeconds() + 60, TimeUnit.SECONDS);
        return Arrays.asList(results);
    }

    private long[] state(Sent s) {
        HttpRequest request = HttpRequest.newBuilder(target.resolve("/api/v1/verifications/" + s.verificationId()))
                .timeout(Duration.ofSeconds(30)).header("X-Client-Org", s.township()).GET().build();
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode v = JSON.readTree(r.body());
            String status = v.path("status").asText();
            if ("ANSWERED".equals(status)) {
                return new long[] {1, Instant.parse(v.path("answeredAt").asText()).toEpochMilli()};
            }
            return new long[] {"UNDETERMINED".equals(status) ? 2 : 0, 0};
        } catch (IOException e) {
            return new long[] {0, 0};
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new long[] {0, 0};
        }
    }

    static double percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static List<Township> townships(Path streetsCsv, String cityCode) throws IOException {
        List<Township> found = new ArrayList<>();
        for (String line : Files.readAllLines(streetsCsv, StandardCharsets.UTF_8)) {
            String[] f = line.split(",");
            if (f.length == 5 && f[4].equals(cityCode)) {
                found.add(new Township(f[0], f[2]));
            }
        }
        return found;
    }

    static String fmt(double d) {
        return String.format(Locale.ROOT, "%.2f", d);
    }
}
