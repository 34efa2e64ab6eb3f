package org.assistx.gateway.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Faults injected into the partner simulators by an operator (demo, tests, benchmark), one per partner id at
 * a time. Each simulator asks {@link #apply} around taking a request, and renders what comes out in its own
 * transport: a {@link Simulated} failure becomes an HTTP 503/500, a SOAP Server fault or no JMS reply.
 *
 * <ul>
 *   <li>{@code DOWN}: every request fails before it is taken (no effect at the partner).</li>
 *   <li>{@code SLOW}: every answer comes {@code delayMs} late (default 2000 ms).</li>
 *   <li>{@code HTTP_500}: every request fails with a server error before it is taken.</li>
 *   <li>{@code GARBAGE}: the request is taken, the answer is text that is no envelope at all.</li>
 *   <li>{@code BAD_SIGNATURE}: the request is taken, the answer has a signed field changed after signing.</li>
 *   <li>{@code TWICE}: the request is taken twice (idempotent receipt: one effect) and, over JMS, answered twice.</li>
 *   <li>{@code DROP_EVERY_NTH}: every {@code n}th request (default 3) is taken but its answer is lost.</li>
 * </ul>
 */
public class SimulatorFaults {

    public enum Mode { DOWN, SLOW, HTTP_500, GARBAGE, BAD_SIGNATURE, TWICE, DROP_EVERY_NTH }

    static final int DEFAULT_N = 3;
    static final long DEFAULT_DELAY_MS = 2000;
    static final long MAX_DELAY_MS = 120_000;
    static final String GARBAGE_ANSWER = "<<< not an envelope: simulated garbage >>>";
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Logger log = LoggerFactory.getLogger(SimulatorFaults.class);

    /** A fault as an operator sets it; {@code n} and {@code delayMs} get their defaults when absent. */
    public record Fault(Mode mode, Integer n, Long delayMs) {
        public Fault {
            if (mode == null) {
                throw invalid("mode", "mode is required: one of DOWN, SLOW, HTTP_500, GARBAGE, BAD_SIGNATURE, "
                        + "TWICE, DROP_EVERY_NTH");
            }
            n = n == null ? DEFAULT_N : n;
            delayMs = delayMs == null ? DEFAULT_DELAY_MS : delayMs;
            if (n < 1 || n > 1_000_000) {
                throw invalid("n", "n must be between 1 and 1000000");
            }
            if (delayMs < 0 || delayMs > MAX_DELAY_MS) {
                throw invalid("delayMs", "delayMs must be between 0 and " + MAX_DELAY_MS);
            }
        }

        private static GatewayException invalid(String field, String message) {
            return new InvalidFault(field, message);
        }
    }

    /** A fault body an operator got wrong (the field names which part). */
    public static final class InvalidFault extends GatewayException {
        private final String field;

        InvalidFault(String field, String message) {
            super(Code.INVALID_FIELD, message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** What a simulator does instead of answering: fail before taking the request, or lose its answer. */
    public static final class Simulated extends GatewayException {
        private final Mode mode;
        private final boolean taken;

        Simulated(Mode mode, boolean taken, String message) {
            super("SIMULATED_" + mode, message);
            this.mode = mode;
            this.taken = taken;
        }

        public Mode mode() {
            return mode;
        }

        /** Whether the request was taken (had its effect) before the failure. */
        public boolean taken() {
            return taken;
        }
    }

    /** The answer to give, and whether to give it twice (JMS only: one HTTP call has one answer). */
    public record Answer(String text, boolean twice) {
    }

    private record Active(Fault fault, AtomicLong requests) {
    }

    private final Map<String, Active> active = new ConcurrentHashMap<>();

    public void set(String partner, Fault fault) {
        active.put(partner, new Active(fault, new AtomicLong()));
        log.warn("Simulator fault set for {}: {}", partner, fault);
    }

    public Optional<Fault> clear(String partner) {
        Active a = active.remove(partner);
        if (a != null) {
            log.warn("Simulator fault cleared for {} (was {})", partner, a.fault());
        }
        return Optional.ofNullable(a).map(Active::fault);
    }

    public Optional<Fault> get(String partner) {
        return Optional.ofNullable(active.get(partner)).map(Active::fault);
    }

    public Map<String, Fault> all() {
        Map<String, Fault> all = new TreeMap<>();
        active.forEach((k, v) -> all.put(k, v.fault()));
        return all;
    }

    /**
     * Takes a request under the partner's fault, if any.
     *
     * @param take takes the request and returns its answer (idempotent by request message id)
     * @throws Simulated when the fault makes the request fail or its answer get lost
     */
    public Answer apply(String partner, Supplier<String> take) {
        Active a = active.get(partner);
        if (a == null) {
            return new Answer(take.get(), false);
        }
        long nth = a.requests().incrementAndGet();
        Fault f = a.fault();
        switch (f.mode()) {
            case DOWN:
                throw new Simulated(Mode.DOWN, false, "simulated outage of " + partner);
            case HTTP_500:
                throw new Simulated(Mode.HTTP_500, false, "simulated server error of " + partner);
            case SLOW:
                pause(f.delayMs());
                return new Answer(take.get(), false);
            case GARBAGE:
                take.get();
                return new Answer(GARBAGE_ANSWER, false);
            case BAD_SIGNATURE:
                return new Answer(tamper(take.get()), false);
            case TWICE:
                take.get();
                return new Answer(take.get(), true);
            case DROP_EVERY_NTH:
                String answer = take.get();
                if (nth % f.n() == 0) {
                    throw new Simulated(Mode.DROP_EVERY_NTH, true, "simulated lost answer of " + partner
                            + " (request " + nth + ")");
                }
                return new Answer(answer, false);
            default:
                return new Answer(take.get(), false);
        }
    }

    /**
     * The answer with one character of its first id (the message id in its signed header) changed, so that
     * its signature no longer verifies. An answer with no id (an empty acknowledgement) is left as it is.
     */
    static String tamper(String answer) {
        Matcher m = UUID_TEXT.matcher(answer);
        if (!m.find()) {
            return answer;
        }
        int at = m.start();
        char c = answer.charAt(at);
        return answer.substring(0, at) + (c == '0' ? '1' : '0') + answer.substring(at + 1);
    }

    private static void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
