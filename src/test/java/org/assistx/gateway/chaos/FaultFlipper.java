package org.assistx.gateway.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.assistx.gateway.e2e.OpsClient;
import org.assistx.gateway.e2e.TownshipClient;

/**
 * Flips the partner simulators between faults through the operations API
 * ({@code /api/v1/ops/simulators/{id}/faults}), one partner at a time, every 1 to 3 seconds, drawn from a
 * seeded random sequence. A flip that finds the gateway down (killed, restarting) is skipped; the faults
 * themselves live in the gateway's memory and end with its process.
 */
final class FaultFlipper implements AutoCloseable {

    /** One flip that the gateway took: when (ms after the start), which partner, which fault. */
    record Flip(long atMillis, String partner, String fault) {
    }

    private static final String[] MODES = {"DOWN", "SLOW", "HTTP_500", "GARBAGE", "BAD_SIGNATURE", "TWICE",
        "DROP_EVERY_NTH", "CLEAR", "CLEAR"};

    private final OpsClient ops;
    private final List<String> partners;
    private final Random random;
    private final long startedAt = System.nanoTime();
    private final List<Flip> flips = Collections.synchronizedList(new ArrayList<>());
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "chaos-faults");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    private int refused;

    FaultFlipper(int port, List<String> partners, long seed) {
        this.ops = new OpsClient(port);
        this.partners = List.copyOf(partners);
        this.random = new Random(seed);
    }

    void start() {
        timer.schedule(this::flip, 500, TimeUnit.MILLISECONDS);
    }

    private void flip() {
        if (!running) {
            return;
        }
        String partner = partners.get(random.nextInt(partners.size()));
        String mode = MODES[random.nextInt(MODES.length)];
        String body = switch (mode) {
            case "SLOW" -> "{\"mode\": \"SLOW\", \"delayMs\": " + List.of(200, 800, 2000).get(random.nextInt(3)) + "}";
            case "DROP_EVERY_NTH" -> "{\"mode\": \"DROP_EVERY_NTH\", \"n\": " + (2 + random.nextInt(3)) + "}";
            case "CLEAR" -> null;
            default -> "{\"mode\": \"" + mode + "\"}";
        };
        long delay = 1000 + random.nextInt(2000);
        try {
            String path = "/api/v1/ops/simulators/" + partner + "/faults";
            TownshipClient.Reply r = body == null ? ops.delete(path) : ops.post(path, body);
            if (r.status() / 100 == 2) {
                flips.add(new Flip((System.nanoTime() - startedAt) / 1_000_000, partner, body == null ? "CLEAR" : body));
            } else {
                refused++;
            }
        } catch (IllegalStateException gatewayDown) {
            // killed or restarting: this flip does not happen
        } finally {
            if (running) {
                timer.schedule(this::flip, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Stops flipping and clears every partner's fault, so that what is still pending can be answered. */
    void stopAndClear() {
        running = false;
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (String p : partners) {
            ops.delete("/api/v1/ops/simulators/" + p + "/faults");
        }
    }

    List<Flip> flips() {
        synchronized (flips) {
            return List.copyOf(flips);
        }
    }

    /** Flips the operations API refused (a wrong body or partner id would show here). */
    int refused() {
        return refused;
    }

    @Override
    public void close() {
        running = false;
        timer.shutdownNow();
    }
}
