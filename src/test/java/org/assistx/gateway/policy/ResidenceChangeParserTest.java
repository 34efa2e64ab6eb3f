package org.assistx.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.assistx.gateway.division.DivisionRegistry;
import org.junit.jupiter.api.Test;

class ResidenceChangeParserTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = """
            {"requestId": "610113001-chg-7", "reportedOn": "2026-09-01", "managingTownship": "610113001",
             "recipient": {"idNumber": "440106198506150025", "name": "李四", "hukouDivision": "440106001"},
             "assistanceType": "DIBAO", "newResidenceDivision": "440106002", "movedOn": "2026-05-20"}""";

    private final ResidenceChangeParser parser = new ResidenceChangeParser(DivisionRegistry.loadDefault(),
            Clock.fixed(LocalDate.of(2026, 9, 15).atStartOfDay(CHINA).toInstant(), CHINA));

    private static ObjectNode example() {
        try {
            return (ObjectNode) JSON.readTree(EXAMPLE);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private List<PolicyError> errors(JsonNode body) {
        ResidenceChangeParser.ParseResult r = parser.parse(body);
        assertThat(r.ok()).isFalse();
        assertThat(r.change()).isNull();
        return r.errors();
    }

    @Test
    void readsAReport() {
        ResidenceChangeParser.ParseResult r = parser.parse(example());
        assertThat(r.ok()).isTrue();
        assertThat(r.change()).isEqualTo(new ResidenceChange("610113001-chg-7", LocalDate.of(2026, 9, 1), "610113001",
                new Recipient("440106198506150025", "李四", "440106001"), AssistanceType.DIBAO, "440106002",
                LocalDate.of(2026, 5, 20)));
    }

    @Test
    void acceptsCoarseAndLongNewResidenceCodes() {
        ObjectNode body = example();
        for (String code : List.of("44", "4401", "440106", "440106002")) {
            body.put("newResidenceDivision", code);
            assertThat(parser.parse(body).change().newResidenceDivision()).isEqualTo(code);
        }
        body.put("newResidenceDivision", "440106002001");
        assertThat(parser.parse(body).change().newResidenceDivision()).isEqualTo("440106002");
    }

    @Test
    void listsEveryMissingField() {
        assertThat(errors(JSON.createObjectNode())).extracting(PolicyError::field).containsExactlyInAnyOrder(
                "requestId", "reportedOn", "managingTownship", "recipient", "assistanceType", "newResidenceDivision",
                "movedOn");
    }

    @Test
    void checksEveryField() {
        ObjectNode body = example();
        body.put("managingTownship", 610113001);
        ((ObjectNode) body.get("recipient")).put("idNumber", "440106198506150026");
        ((ObjectNode) body.get("recipient")).put("hukouDivision", "4401");
        ((ObjectNode) body.get("recipient")).put("nation", "汉");
        body.put("assistanceType", "Dibao");
        body.put("newResidenceDivision", "4499");
        body.put("movedOn", "2026-05-32");
        body.put("callbackUrl", "https://example.org/");
        assertThat(errors(body)).extracting(e -> e.field() + " " + e.code()).containsExactlyInAnyOrder(
                "managingTownship INVALID_FIELD", "recipient.idNumber INVALID_ID_NUMBER",
                "recipient.hukouDivision UNKNOWN_DIVISION", "recipient.nation INVALID_FIELD",
                "assistanceType INVALID_FIELD", "newResidenceDivision UNKNOWN_DIVISION", "movedOn INVALID_FIELD",
                "callbackUrl INVALID_FIELD");
    }

    @Test
    void refusesDatesOutOfOrder() {
        ObjectNode body = example();
        body.put("reportedOn", "2026-09-16");
        body.put("movedOn", "2026-09-17");
        assertThat(errors(body)).extracting(PolicyError::field).containsExactlyInAnyOrder("reportedOn", "movedOn");
    }

    @Test
    void acceptsAMoveReportedTheSameDayAndAReportOfToday() {
        ObjectNode body = example();
        body.put("reportedOn", "2026-09-15");
        body.put("movedOn", "2026-09-15");
        assertThat(parser.parse(body).ok()).isTrue();
    }

    @Test
    void refusesABodyThatIsNotAnObject() {
        assertThat(errors(JSON.createArrayNode())).singleElement().extracting(PolicyError::field).isEqualTo("$");
    }

    @Test
    void resultHoldsEitherAChangeOrErrors() {
        assertThatThrownBy(() -> new ResidenceChangeParser.ParseResult(null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
