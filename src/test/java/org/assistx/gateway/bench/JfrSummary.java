package org.assistx.gateway.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the gateway's time went under the benchmark's load, from the JFR recording {@code bench/run --jfr}
 * takes during the load: CPU samples by library and by the gateway's own method nearest the top, disk
 * flushes ({@code jdk.FileForce}: the fsyncs behind durable writes), and where the gateway's own code waited
 * (parked, or blocked on a monitor).
 */
public final class JfrSummary {

    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"org.bouncycastle.", "Bouncy Castle (SM2/SM3)"},
            new String[] {"org.h2.", "H2"},
            new String[] {"org.apache.activemq.", "Artemis"},
            new String[] {"io.netty.", "Netty (Artemis)"},
            new String[] {"org.apache.camel.", "Camel"},
            new String[] {"org.apache.cxf.", "CXF"},
            new String[] {"com.ctc.wstx.", "Woodstox (CXF)"},
            new String[] {"com.fasterxml.", "Jackson"},
            new String[] {"com.networknt.", "JSON schema validator"},
            new String[] {"org.apache.catalina.", "Tomcat"},
            new String[] {"org.apache.coyote.", "Tomcat"},
            new String[] {"org.apache.tomcat.", "Tomcat"},
            new String[] {"org.springframework.", "Spring"},
            new String[] {"com.zaxxer.", "HikariCP"},
            new String[] {"org.assistx.", "gateway code"},
            new String[] {"ch.qos.logback.", "logging"},
            new String[] {"org.slf4j.", "logging"},
            new String[] {"java.", "JDK"},
            new String[] {"jdk.", "JDK"},
            new String[] {"sun.", "JDK"});

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Map<String, Integer> byLibrary = new HashMap<>();
        Map<String, Integer> byTopFrame = new HashMap<>();
        Map<String, Integer> byGatewayFrame = new HashMap<>();
        Map<String, Duration> parked = new HashMap<>();
        Map<String, Duration> blocked = new HashMap<>();
        int samples = 0;
        int flushes = 0;
        Duration flushTime = Duration.ZERO;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            String type = e.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    List<RecordedFrame> frames = frames(e);
                    if (frames.isEmpty()) {
                        continue;
                    }
                    samples++;
                    String top = name(frames.get(0));
                    byTopFrame.merge(top, 1, Integer::sum);
                    byLibrary.merge(library(firstOutsideJdk(e)), 1, Integer::sum);
                    frames.stream().map(JfrSummary::name).filter(n -> n.startsWith("org.assistx.")).findFirst()
                            .ifPresent(n -> byGatewayFrame.merge(n, 1, Integer::sum));
                }
                case "jdk.FileForce" -> {
                    flushes++;
                    flushTime = flushTime.plus(e.getDuration());
                }
                case "jdk.ThreadPark" -> waitingGatewayCode(e)
                        .ifPresent(site -> parked.merge(site, e.getDuration(), Duration::plus));
                case "jdk.JavaMonitorEnter" -> waitingGatewayCode(e)
                        .ifPresent(site -> blocked.merge(site, e.getDuration(), Duration::plus));
                default -> {
                }
            }
        }
        System.out.printf(Locale.ROOT, "CPU samples: %d%n", samples);
        print("CPU by library (the first frame outside the JDK: JDK work counts for its caller)", byLibrary,
                samples, 12);
        print("CPU by top frame", byTopFrame, samples, 15);
        print("CPU by the gateway's own method nearest the top", byGatewayFrame, samples, 12);
        System.out.printf(Locale.ROOT, "%nDisk flushes (jdk.FileForce, fsync): %d, %d ms in all%n", flushes,
                flushTime.toMillis());
        printTimes("Gateway code parked (jdk.ThreadPark, ≥ 10 ms each): gateway method ← where it waited", parked, 12);
        printTimes("Gateway code blocked on a monitor (jdk.JavaMonitorEnter): gateway method ← where", blocked, 8);
    }

    private static List<RecordedFrame> frames(RecordedEvent e) {
        RecordedStackTrace st = e.getStackTrace();
        return st == null ? List.of() : st.getFrames();
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static String library(String frame) {
        for (String[] l : LIBRARIES) {
            if (frame.startsWith(l[0])) {
                return l[1];
            }
        }
        return "other";
    }

    /** For a wait inside the gateway's own code: its method nearest the top and the first frame outside the JDK. */
    private static Optional<String> waitingGatewayCode(RecordedEvent e) {
        return frames(e).stream().map(JfrSummary::name).filter(n -> n.startsWith("org.assistx.")).findFirst()
                .map(own -> own + " ← " + firstOutsideJdk(e));
    }

    private static String firstOutsideJdk(RecordedEvent e) {
        for (RecordedFrame f : frames(e)) {
            String n = name(f);
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
                return n;
            }
        }
        return "(JDK only)";
    }

    private static void print(String title, Map<String, Integer> counts, int total, int limit) {
        System.out.printf("%n%s%n", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(en -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * en.getValue() / total,
                        en.getKey()));
    }

    private static void printTimes(String title, Map<String, Duration> times, int limit) {
        System.out.printf("%n%s%n", title);
        times.entrySet().stream().sorted(Map.Entry.<String, Duration>comparingByValue().reversed()).limit(limit)
                .forEach(en -> System.out.printf(Locale.ROOT, "  %8d ms  %s%n", en.getValue().toMillis(), en.getKey()));
    }
}
