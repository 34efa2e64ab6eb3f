package org.assistx.gateway.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assistx.gateway.e2e.PartnerSwitch;
import org.assistx.gateway.e2e.TownshipClient;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chaos: hundreds of verification requests from a township over real HTTP, spread over the three partners
 * (the county bureaus over SOAP, Guangdong over REST, Zhejiang over JMS), while the partner simulators flip
 * between faults (down, slow, server errors, garbage, bad signatures, double takes, lost answers) and the
 * gateway process is killed with {@code SIGKILL} mid-load and started again on the same store and journal.
 *
 * <p>At the end every request that got a 2xx must have reached {@code ANSWERED}, or {@code UNDETERMINED}
 * with its reason (a partner down past its retries, a garbage or badly signed answer); none may be lost;
 * and no partner may have seen a request's effect twice. The gateway runs as its own process (see
 * {@link GatewayProcess}) with quick retries ({@link ChaosPartners}); its store is read after it stopped.
 *
 * <p>Settings (system properties): {@code chaos.requests} (300), {@code chaos.seconds} over which they are
 * spread (30), {@code chaos.kills} (1), {@code chaos.seed} (printed; the same seed gives the same requests
 * and the same sequence of faults, though not the same timing).
 */
class ChaosTest {

    static final int REQUESTS = Integer.getInteger("chaos.requests", 300);
    static final Duration SPREAD = Duration.ofSeconds(Long.getLong("chaos.seconds", 30));
    static final int KILLS = Integer.getInteger("chaos.kills", 1);
    static final long SEED = Long.getLong("chaos.seed", System.currentTimeMillis());
    static final List<String> PARTNERS = List.of("xian-county-bureaus", "guangdong-44", "zhejiang-33");

    static GatewayProcess gateway;
    static long startedAt;

    @BeforeAll
    static void startGateway() throws Exception {
        startedAt = System.nanoTime();
        Path projectDir = Path.of("").toAbsolutePath();
        Path run = projectDir.resolve(Path.of("target", "chaos", "run-" + ProcessHandle.current().pid() + "-"
                + System.currentTimeMillis()));
        Files.createDirectories(run);
        Path partners = PartnerSwitch.copyPartners(run).directory();
        ChaosPartners.quicken(partners);
        gateway = new GatewayProcess(projectDir, run.resolve("data"), run.resolve("gateway.log"), List.of(
                "--assistx.partners.directory=" + partners,
                "--assistx.rate-limit.requests-per-second=0",
                // the last safety net for a lost message, at the scale of the quick partner settings
                "--assistx.delivery.stale-after=PT15S"));
        System.out.println("chaos seed=" + SEED + " (rerun: mvn -B test -Dtest=ChaosTest -Dchaos.seed=" + SEED
                + "); gateway log: " + gateway.log());
        gateway.start();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void everyAcceptedRequestEndsOnceAcrossFlippingFaultsAndAKilledGateway() {
        String seeLog = "seed " + SEED + "; gateway log: " + gateway.log();
        List<String> kills = new ArrayList<>();
        long inFlightAtKills = 0;
        try (TownshipLoad load = new TownshipLoad(gateway.port(), REQUESTS, SPREAD, SEED);
             FaultFlipper faults = new FaultFlipper(gateway.port(), PARTNERS, SEED)) {
            load.start();
            faults.start();
            for (int k = 1; k <= KILLS; k++) {
                int threshold = REQUESTS * k / (KILLS + 2);
                await("accepted requests before kill " + k).atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(50)).until(() -> load.acceptedCount() >= threshold);
                long pid = gateway.pid();
                gateway.kill();
                StoreLedger.Snapshot atKill = StoreLedger.read(gateway.dataDir());
                inFlightAtKills += atKill.inFlight();
                kills.add("pid " + pid + " after " + load.acceptedCount() + " accepted, " + atKill.inFlight()
                        + " in flight");
                gateway.start();
            }
            int flipsBeforeLastStart = faults.flips().size();
            await("every request submitted, and faults flipping on the restarted gateway")
                    .atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(200))
                    .until(() -> load.finished() && faults.flips().size() >= flipsBeforeLastStart + 4);
            faults.stopAndClear();

            Map<String, String> accepted = load.accepted();
            Set<String> pending = ConcurrentHashMap.newKeySet();
            pending.addAll(accepted.values());
            TownshipClient township = new TownshipClient(gateway.port());
            try {
                await("every accepted verification final").atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(500)).until(() -> {
                            pending.removeIf(id -> isFinal(township.get("/api/v1/verifications/" + id,
                                    TownshipLoad.TOWNSHIP)));
                            return pending.isEmpty();
                        });
            } catch (ConditionTimeoutException stuck) {
                System.out.println("still not final after the wait: " + pending);
            }
            gateway.stop();
            StoreLedger.Snapshot end = StoreLedger.read(gateway.dataDir());

            int answered = 0;
            int undetermined = 0;
            List<String> lost = new ArrayList<>();
            Map<String, Integer> reasons = new TreeMap<>();
            for (String id : new HashSet<>(accepted.values())) {
                StoreLedger.Verification v = end.verifications().get(id);
                if (v != null && v.status().equals("ANSWERED")) {
                    answered++;
                } else if (v != null && v.status().equals("UNDETERMINED") && v.reason() != null
                        && !v.reason().isBlank()) {
                    undetermined++;
                    reasons.merge(v.reason().replaceAll("[:(].*", "").trim(), 1, Integer::sum);
                } else {
                    lost.add(id + " (" + (v == null ? "not stored" : v.status()) + ")");
                }
            }
            List<FaultFlipper.Flip> flips = faults.flips();
            Map<String, Long> byPartner = accepted.keySet().stream()
                    .collect(Collectors.groupingBy(load::partnerOf, TreeMap::new, Collectors.counting()));
            long seconds = (System.nanoTime() - startedAt) / 1_000_000_000;
            System.out.println("chaos: " + REQUESTS + " requests over " + SPREAD.toSeconds() + " s, by partner "
                    + byPartner + "; client retries " + load.clientRetries() + "; kills: " + kills);
            System.out.println("chaos: " + flips.size() + " fault flips, e.g. " + flips.subList(0, Math.min(6,
                    flips.size())) + "; partner effects " + end.effectsByPartner() + "; messages retried "
                    + end.retriedMessages() + "; undetermined by reason " + reasons + "; " + seconds + " s; " + seeLog);
            String summary = "accepted=" + accepted.size() + " answered=" + answered + " undetermined=" + undetermined
                    + " lost=" + lost.size() + " duplicates=" + end.duplicated().size();
            System.out.println(summary);
            seeLog = summary + "; " + seeLog;

            assertThat(load.refused()).as("requests refused or misrouted; " + seeLog).isEmpty();
            assertThat(accepted).as("every request accepted in the end").hasSize(REQUESTS);
            assertThat(new HashSet<>(accepted.values())).as("one verification per requestId").hasSize(REQUESTS);
            assertThat(lost).as("accepted but not ANSWERED nor UNDETERMINED with a reason; " + seeLog).isEmpty();
            assertThat(end.duplicated()).as("verifications a partner saw twice; " + seeLog).isEmpty();
            assertThat(end.strayEffects()).as("partner effects of messages the gateway never stored").isZero();
            assertThat(kills).hasSize(KILLS);
            assertThat(faults.refused()).as("fault flips the operations API refused").isZero();
            assertThat(flips.size()).as("the faults really flipped").isGreaterThanOrEqualTo(5);
            assertThat(end.retriedMessages() + undetermined).as("retries or give-ups: the faults had an effect")
                    .isPositive();
            assertThat(inFlightAtKills).as("verifications in flight when the process was killed").isPositive();
        }
        // a run that passed keeps its log; its store and journal (tens of megabytes) are not needed
        deleteRecursively(gateway.dataDir());
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static boolean isFinal(TownshipClient.Reply r) {
        return r.body() != null && r.body().path("status").asText().matches("ANSWERED|UNDETERMINED");
    }
}
