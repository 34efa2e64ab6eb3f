package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.Mutations;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Fuzz test of the ingress JSON over real HTTP: thousands of random mutations of valid township requests
 * (byte flips, deletions, duplications, type swaps, huge numbers, unicode, truncation, deep nesting) posted
 * to the running gateway's verification, policy-evaluation and residence-change endpoints. Never a 5xx,
 * always a JSON body — a refusal with a code, or an answer — and the gateway is still healthy and still
 * accepts a valid request afterwards. The seed is fixed and printed ({@code -Dfuzz.seed=…} reproduces a
 * run, {@code -Dfuzz.runs=…} sets the number of requests).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "assistx.rate-limit.requests-per-second=0")
@ActiveProfiles("test")
class IngressFuzzE2ETest {

    private static final long SEED = Mutations.seed(20_261_129L);
    private static final int RUNS = Mutations.runs(3_000);

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "ingress-fuzz");
        // the fuzzed emergency's callbackUrl is registered, so its mutations reach the rest of the checks
        registry.add("assistx.callbacks.destinations.610113001", () -> "http://127.0.0.1:9/");
        registry.add("assistx.callbacks.allow-private-addresses", () -> "true");
    }

    @LocalServerPort
    int port;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static String residenceChange(String requestId) {
        return """
            {"requestId": "%s", "reportedOn": "2026-09-01", "managingTownship": "610113001",
             "recipient": {"idNumber": "510104199303030074", "name": "赵六", "hukouDivision": "510104022"},
             "assistanceType": "DIBAO", "newResidenceDivision": "610104003", "movedOn": "2026-05-01"}
            """.formatted(requestId);
    }

    private static String emergency(String requestId) {
        return """
            {"requestId": "%s", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
             "applicant": {"idNumber": "610104199001011234", "name": "张三", "hukouDivision": "610104003",
                           "hukouNature": "URBAN"},
             "assistanceType": "TEMPORARY", "declarationOfNonReceipt": true,
             "emergency": {"kind": "ACCIDENT", "occurredOn": "2026-08-30", "township": "610113001",
                           "description": "车祸 / traffic accident"},
             "proofOfNonReceipt": {"documentNumber": "D-1", "issuerDivision": "610104", "issuedOn": "2026-08-01",
                                   "validUntil": "2026-12-01"},
             "callbackUrl": "http://127.0.0.1:9/cb"}
            """.formatted(requestId);
    }

    private record Sent(int status, String body) {
    }

    private Sent post(String path, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-Client-Org", "610113001").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Sent(r.statusCode(), r.body());
    }

    @Test
    void noMutationOfARequestGetsA5xxOrABodyWithoutACode() throws Exception {
        Random random = new Random(SEED);
        Mutations mutate = new Mutations(random);
        List<String[]> seeds = List.of(
                new String[] {"/api/v1/verifications", TownshipClient.tourRequest("fz-0", "610104199001011234", "张三")},
                new String[] {"/api/v1/verifications", emergency("fz-e")},
                new String[] {"/api/v1/policy/evaluate", TownshipClient.tourRequest("fz-p", "610104199001011234", "张三")},
                new String[] {"/api/v1/residence-changes", residenceChange("fz-r")});
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<String, Integer> codes = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int run = 0; run < RUNS; run++) {
            String[] seed = seeds.get(random.nextInt(seeds.size()));
            String base = seed[1].replace("\"fz-", "\"fz-" + run + "-");
            byte[] body = switch (random.nextInt(3)) {
                case 0 -> mutate.write(mutate.tree(json.readTree(base))).getBytes(StandardCharsets.UTF_8);
                case 1 -> mutate.text(base).getBytes(StandardCharsets.UTF_8);
                default -> flipBytes(random, base.getBytes(StandardCharsets.UTF_8));
            };
            Sent r = post(seed[0], body);
            statuses.merge(r.status(), 1, Integer::sum);
            String problem = check(r, codes);
            if (problem != null && failures.size() < 20) {
                failures.add("run " + run + " " + seed[0] + ": " + problem + "\n  sent: "
                        + abbreviate(new String(body, StandardCharsets.UTF_8)) + "\n  got: " + abbreviate(r.body()));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("IngressFuzzE2ETest: seed %d, %d requests in %d ms, statuses %s, codes %s, failures %d%n",
                SEED, RUNS, millis, statuses, codes, failures.size());
        assertThat(failures).as("seed " + SEED).isEmpty();

        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json.readTree(health.body()).path("status").asText()).isEqualTo("UP");
        Sent valid = post("/api/v1/verifications", TownshipClient.tourRequest("fz-after", "610104199001011234", "张三")
                .getBytes(StandardCharsets.UTF_8));
        assertThat(valid.status()).as(valid.body()).isEqualTo(202);
    }

    /** Null when the answer is acceptable: below 500, JSON, and a code on every refusal. */
    private String check(Sent r, Map<String, Integer> codes) {
        if (r.status() >= 500) {
            return "HTTP " + r.status();
        }
        JsonNode body;
        try {
            body = json.readTree(r.body());
        } catch (IOException e) {
            return "HTTP " + r.status() + " with a body that is not JSON";
        }
        if (body == null || !body.isObject()) {
            return "HTTP " + r.status() + " with a body that is not a JSON object";
        }
        if (r.status() >= 400) {
            JsonNode errors = body.path("errors");
            if (!errors.isArray() || errors.isEmpty()) {
                return "HTTP " + r.status() + " without errors";
            }
            for (JsonNode e : errors) {
                String code = e.path("code").asText("");
                if (!code.matches("[A-Z][A-Z_]+") || e.path("message").asText("").isBlank()) {
                    return "HTTP " + r.status() + " with an error without a code or message";
                }
                codes.merge(r.status() + " " + code, 1, Integer::sum);
            }
        } else {
            codes.merge(r.status() + " answered", 1, Integer::sum);
        }
        return null;
    }

    private static byte[] flipBytes(Random random, byte[] body) {
        byte[] out = body.clone();
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            int at = random.nextInt(out.length);
            out[at] = random.nextInt(3) == 0 ? (byte) (0x80 + random.nextInt(0x80)) : (byte) (out[at] ^ (1 << random.nextInt(8)));
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }
}
