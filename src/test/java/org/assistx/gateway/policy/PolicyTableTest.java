package org.assistx.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assistx.gateway.division.DivisionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The policy as a table: {@code policy/cases.csv} (verification requests, rules R1–R8, special regions,
 * validation) and {@code policy/residence-changes.csv} (rules R9–R11). Each row goes through the real
 * parser and the real engine or rules, with the division list shipped with the gateway and the demo
 * partners ({@link FakePartnerDirectory}).
 */
class PolicyTableTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2026, 9, 15);
    private static final String DEFAULT_ID = "610104199001011234";
    private static final String ACCEPTED = "ACCEPTED";

    private static final DivisionRegistry REGISTRY = DivisionRegistry.loadDefault();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock = Clock.fixed(TODAY.atStartOfDay(CHINA).toInstant(), CHINA);
    private final VerificationRequestParser parser = new VerificationRequestParser(REGISTRY, clock);
    /** The demo settings, with the county-defined emergencies the demo configuration gives 雁塔区. */
    static final PolicySettings SETTINGS = PolicySettings.demo()
            .withCountyEmergencyKinds(Map.of("610113", Set.of("房屋突发险情", "极端天气断水断电")));

    private final PolicyEngine engine = new PolicyEngine(REGISTRY, SETTINGS, new FakePartnerDirectory(),
            ProofSignatureCheck.none(), clock);

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @CsvFileSource(resources = "/policy/cases.csv", numLinesToSkip = 1, encoding = "UTF-8")
    void verification(ArgumentsAccessor row) {
        ObjectNode body = JSON.createObjectNode();
        body.put("requestId", "610113001-2026-" + row.getInvocationIndex());
        body.put("appliedOn", row.getString(2));
        body.put("residenceTownship", row.getString(3));
        ObjectNode applicant = body.putObject("applicant");
        applicant.put("idNumber", row.getString(11) == null ? DEFAULT_ID : row.getString(11));
        applicant.put("name", "张三");
        applicant.put("hukouDivision", row.getString(4));
        if (row.getString(5) != null) {
            applicant.put("hukouNature", row.getString(5));
        }
        if (row.getString(6) != null) {
            body.put("residenceSince", row.getString(6));
        }
        body.put("assistanceType", row.getString(7));
        body.put("declarationOfNonReceipt", Boolean.parseBoolean(row.getString(8)));
        if (row.getString(9) != null) {
            String[] e = row.getString(9).split("@");
            ObjectNode emergency = body.putObject("emergency");
            emergency.put("kind", e[0]);
            emergency.put("occurredOn", e[1]);
            if (e.length > 2 && !e[2].isEmpty()) {
                emergency.put("township", e[2]);
            }
            if (e.length > 3) {
                emergency.put("countyKind", e[3]);
            }
            emergency.put("description", "家中失火，暂无住处。");
        } else {
            body.putNull("emergency");
        }
        if (row.getString(10) != null) {
            String[] p = row.getString(10).split("@");
            ObjectNode proof = body.putObject("proofOfNonReceipt");
            proof.put("documentNumber", "民证〔2026〕" + row.getInvocationIndex() + "号");
            proof.put("issuerDivision", p[0]);
            proof.put("issuedOn", p[1]);
            if (p.length > 2) {
                proof.put("validUntil", p[2]);
            }
        }

        String expect = row.getString(12);
        VerificationRequestParser.ParseResult parsed = parser.parse(body);
        List<PolicyError> errors;
        PolicyDecision decision = null;
        if (parsed.ok()) {
            decision = engine.evaluate(parsed.request());
            errors = decision.errors();
        } else {
            errors = parsed.errors();
        }
        assertThat(errors).allSatisfy(PolicyTableTest::bilingual);
        if (ACCEPTED.equals(expect)) {
            assertThat(errors).as("errors").isEmpty();
            assertThat(decision.accepted()).isTrue();
            assertThat(decision.jurisdiction()).hasToString(row.getString(14));
            assertThat(decision.category()).hasToString(row.getString(15));
            if (row.getString(16) == null) {
                assertThat(decision.route()).as("route").isNull();
            } else {
                assertThat(decision.route()).isEqualTo(new RouteTarget(row.getString(16), row.getString(17)));
            }
            assertThat(decision.proceedImmediately()).isEqualTo(Boolean.parseBoolean(row.getString(18)));
            assertThat(decision.routeNote()).contains(PolicyError.SEPARATOR);
            if (decision.proceedImmediately()) {
                // One backfill date, counted from the day the case is recorded (today), whatever appliedOn says.
                LocalDate due = TODAY.plusDays(SETTINGS.emergencyBackfillDays());
                assertThat(decision.backfillDue()).isEqualTo(due);
                assertThat(decision.routeNote()).contains(due.toString());
            } else {
                assertThat(decision.backfillDue()).isNull();
            }
        } else {
            assertThat(errors).extracting(e -> e.code().name())
                    .containsExactlyInAnyOrder(expect.split("\\+"));
            assertThat(errors).extracting(PolicyError::field)
                    .containsExactlyInAnyOrder(row.getString(13).split("\\+"));
            if (decision != null) {
                assertThat(decision.accepted()).isFalse();
                assertThat(decision.route()).isNull();
                assertThat(decision.proceedImmediately()).isFalse();
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {1}: {0}")
    @CsvFileSource(resources = "/policy/residence-changes.csv", numLinesToSkip = 1, encoding = "UTF-8")
    void residenceChange(ArgumentsAccessor row) {
        LocalDate today = LocalDate.parse(row.getString(2));
        Clock at = Clock.fixed(today.atStartOfDay(CHINA).toInstant(), CHINA);
        ObjectNode body = JSON.createObjectNode();
        body.put("requestId", "change-" + row.getInvocationIndex());
        body.put("reportedOn", row.getString(8));
        body.put("managingTownship", row.getString(3));
        ObjectNode recipient = body.putObject("recipient");
        recipient.put("idNumber", DEFAULT_ID);
        recipient.put("name", "李四");
        recipient.put("hukouDivision", row.getString(4));
        body.put("assistanceType", row.getString(5));
        body.put("newResidenceDivision", row.getString(6));
        body.put("movedOn", row.getString(7));

        ResidenceChangeParser.ParseResult parsed = new ResidenceChangeParser(REGISTRY, at).parse(body);
        String expect = row.getString(9);
        if (!parsed.ok()) {
            assertThat(parsed.errors()).allSatisfy(PolicyTableTest::bilingual);
            assertThat(parsed.errors()).extracting(e -> e.code().name()).containsExactly(expect);
            return;
        }
        ResidenceChangeDecision decision = new ResidenceChangeRules(REGISTRY).decide(parsed.change(), today);
        assertThat(decision.action()).hasToString(expect);
        assertThat(decision.recheckOn()).isEqualTo(row.getString(10) == null ? null : LocalDate.parse(row.getString(10)));
        assertThat(decision.reason()).contains(PolicyError.SEPARATOR);
    }

    /** The tables show every rule both ways, and enough cases. */
    @Test
    void tablesShowEveryRuleBothWays() throws IOException {
        List<String[]> cases = rows("/policy/cases.csv");
        List<String[]> changes = rows("/policy/residence-changes.csv");
        assertThat(cases.size()).isGreaterThanOrEqualTo(60);

        Map<String, Set<Boolean>> outcomes = new TreeMap<>();
        for (String[] c : cases) {
            outcomes.computeIfAbsent(c[1], k -> new TreeSet<>()).add(ACCEPTED.equals(c[12]));
        }
        for (String[] c : changes) {
            boolean positive = switch (c[1]) {
                case "R9" -> !c[9].equals("UNKNOWN_DIVISION") && !c[9].equals("INVALID_FIELD");
                case "R10" -> c[9].equals("SUSPEND_PAYMENT");
                case "R11" -> c[9].equals("TRANSFER_CASE");
                default -> false;
            };
            outcomes.computeIfAbsent(c[1], k -> new TreeSet<>()).add(positive);
        }
        for (int rule = 1; rule <= 11; rule++) {
            assertThat(outcomes.get("R" + rule)).as("R" + rule + " passing and failing").containsExactly(false, true);
        }
        assertThat(changes.stream().map(c -> c[9]).collect(Collectors.toSet()))
                .containsAll(Arrays.stream(ResidenceChangeDecision.Action.values()).map(Enum::name).toList());
    }

    private static void bilingual(PolicyError e) {
        assertThat(e.message()).contains(PolicyError.SEPARATOR);
        String chinese = e.message().substring(0, e.message().indexOf(PolicyError.SEPARATOR));
        assertThat(chinese.codePoints().anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN))
                .as("Chinese first: %s", e.message()).isTrue();
    }

    private static List<String[]> rows(String resource) throws IOException {
        try (InputStream in = PolicyTableTest.class.getResourceAsStream(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
        }
    }
}
