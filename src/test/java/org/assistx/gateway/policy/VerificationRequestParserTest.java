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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerificationRequestParserTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXAMPLE = """
            {
              "requestId": "610113001-2026-000123",
              "appliedOn": "2026-09-01",
              "residenceTownship": "610113001",
              "applicant": {"idNumber": "610104199001011234", "name": "张三",
                            "hukouDivision": "610104003", "hukouNature": "RURAL"},
              "residenceSince": "2026-01-15",
              "assistanceType": "DIBAO",
              "declarationOfNonReceipt": true,
              "emergency": null,
              "proofOfNonReceipt": null
            }""";

    private final VerificationRequestParser parser = new VerificationRequestParser(DivisionRegistry.loadDefault(),
            Clock.fixed(LocalDate.of(2026, 9, 15).atStartOfDay(CHINA).toInstant(), CHINA));

    private static ObjectNode example() {
        return (ObjectNode) json(EXAMPLE);
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private List<PolicyError> errors(JsonNode body) {
        VerificationRequestParser.ParseResult result = parser.parse(body);
        assertThat(result.ok()).as("ok").isFalse();
        assertThat(result.request()).isNull();
        assertThat(result.errors()).isNotEmpty();
        return result.errors();
    }

    private VerificationRequest request(JsonNode body) {
        VerificationRequestParser.ParseResult result = parser.parse(body);
        assertThat(result.errors()).isEmpty();
        assertThat(result.ok()).isTrue();
        return result.request();
    }

    private static PolicyError only(List<PolicyError> errors) {
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void readsTheContractExample() {
        assertThat(request(example())).isEqualTo(new VerificationRequest("610113001-2026-000123",
                LocalDate.of(2026, 9, 1), "610113001",
                new Applicant("610104199001011234", "张三", "610104003", HukouNature.RURAL),
                LocalDate.of(2026, 1, 15), AssistanceType.DIBAO, true, null, null, null));
    }

    @Test
    void readsEmergencyProofAndCallback() {
        ObjectNode body = example();
        body.remove("residenceSince");
        body.put("assistanceType", "TEMPORARY");
        body.set("emergency", json("""
                {"kind": "ACCIDENT", "occurredOn": "2026-08-31", "description": "家中失火。\\n暂无住处。"}"""));
        body.set("proofOfNonReceipt", json("""
                {"documentNumber": "莲民证〔2026〕12号", "issuerDivision": "610104", "issuedOn": "2026-08-01",
                 "validUntil": "2026-12-31", "signedDocument": "eyJhIjoxfQ=="}"""));
        body.put("callbackUrl", "https://township.example.org:8443/cb?x=1");
        VerificationRequest r = request(body);
        assertThat(r.residenceSince()).isNull();
        assertThat(r.emergency()).isEqualTo(new Emergency(EmergencyKind.ACCIDENT, LocalDate.of(2026, 8, 31),
                "610113001", "家中失火。\n暂无住处。"));
        assertThat(r.proofOfNonReceipt()).isEqualTo(new ProofOfNonReceipt("莲民证〔2026〕12号", "610104",
                LocalDate.of(2026, 8, 1), LocalDate.of(2026, 12, 31), "eyJhIjoxfQ=="));
        assertThat(r.callbackUrl()).isEqualTo("https://township.example.org:8443/cb?x=1");
    }

    @Test
    void normalisesCodesAndTheCheckCharacter() {
        ObjectNode body = example();
        body.put("residenceTownship", "610113001002");
        ((ObjectNode) body.get("applicant")).put("hukouDivision", "610104003011");
        ((ObjectNode) body.get("applicant")).put("idNumber", "11010519491001012x");
        VerificationRequest r = request(body);
        assertThat(r.residenceTownship()).isEqualTo("610113001");
        assertThat(r.applicant().hukouDivision()).isEqualTo("610104003");
        assertThat(r.applicant().idNumber()).isEqualTo("11010519491001012X");
    }

    @Test
    void declarationDefaultsToFalse() {
        ObjectNode body = example();
        body.remove("declarationOfNonReceipt");
        assertThat(request(body).declarationOfNonReceipt()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "42", "null"})
    void refusesABodyThatIsNotAnObject(String text) {
        assertThat(only(errors(json(text)))).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(e.field()).isEqualTo("$");
        });
        assertThat(only(errors(null)).field()).isEqualTo("$");
    }

    @Test
    void listsEveryMissingField() {
        assertThat(errors(json("{}"))).allSatisfy(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(e.message()).contains("缺少必填项", "is required");
        }).extracting(PolicyError::field).containsExactlyInAnyOrder("requestId", "appliedOn", "residenceTownship",
                "applicant", "residenceSince", "assistanceType");
        assertThat(errors(json("{\"applicant\": {}}"))).extracting(PolicyError::field).contains(
                "applicant.idNumber", "applicant.name", "applicant.hukouDivision", "applicant.hukouNature");
    }

    @Test
    void treatsJsonNullAsMissing() {
        ObjectNode body = example();
        body.putNull("appliedOn");
        assertThat(only(errors(body)).field()).isEqualTo("appliedOn");
    }

    @Test
    void collectsAllProblemsAtOnce() {
        ObjectNode body = example();
        body.put("requestId", "bad id");
        body.put("appliedOn", "2026-02-29");
        body.put("residenceTownship", 610113001);
        ObjectNode applicant = (ObjectNode) body.get("applicant");
        applicant.put("idNumber", "610104199001011235");
        applicant.put("name", "");
        applicant.put("hukouDivision", "999999999");
        applicant.put("hukouNature", "rural");
        applicant.put("phone", "13800000000");
        body.put("residenceSince", "2026/01/15");
        body.put("assistanceType", 2);
        body.put("declarationOfNonReceipt", "true");
        body.put("callbackUrl", "ftp://example.org/x");
        body.put("surname", "张");
        assertThat(errors(body)).extracting(e -> e.field() + " " + e.code()).containsExactlyInAnyOrder(
                "surname INVALID_FIELD",
                "requestId INVALID_FIELD",
                "appliedOn INVALID_FIELD",
                "residenceTownship INVALID_FIELD",
                "applicant.phone INVALID_FIELD",
                "applicant.idNumber INVALID_ID_NUMBER",
                "applicant.name INVALID_FIELD",
                "applicant.hukouDivision UNKNOWN_DIVISION",
                "applicant.hukouNature INVALID_FIELD",
                "residenceSince INVALID_FIELD",
                "assistanceType INVALID_FIELD",
                "declarationOfNonReceipt INVALID_FIELD",
                "callbackUrl INVALID_FIELD");
    }

    @Test
    void refusesANumberWhereAStringIsExpected() {
        ObjectNode body = example();
        ((ObjectNode) body.get("applicant")).put("idNumber", 610104199001011234L);
        assertThat(only(errors(body))).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_FIELD);
            assertThat(e.field()).isEqualTo("applicant.idNumber");
            assertThat(e.message()).contains("申请人身份证号码（applicant.idNumber）应为文本", "收到的是数字",
                    "must be a JSON string; got a number");
        });
    }

    @Test
    void refusesAnObjectWhereAStringIsExpectedAndAStringWhereAnObjectIs() {
        ObjectNode body = example();
        body.set("residenceTownship", json("{\"code\": \"610113001\"}"));
        body.put("emergency", "ACCIDENT");
        assertThat(errors(body)).extracting(PolicyError::field).containsExactlyInAnyOrder("residenceTownship",
                "emergency");
    }

    @Test
    void namesTheAllowedValuesOfAnEnum() {
        ObjectNode body = example();
        body.put("assistanceType", "dibao");
        assertThat(only(errors(body)).message()).contains("TEMPORARY、DIBAO、TEKUN", "TEMPORARY, DIBAO, TEKUN",
                "\"dibao\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-9-1", "2026-09-01T08:00:00", "2025-02-29", "2026-04-31", "01-09-2026", "+2026-09-01",
            "２０２６-09-01", "", " 2026-09-01"})
    void refusesDatesThatAreNotRealIsoDays(String date) {
        ObjectNode body = example();
        body.put("appliedOn", date);
        assertThat(only(errors(body))).satisfies(e -> {
            assertThat(e.field()).isEqualTo("appliedOn");
            assertThat(e.message()).contains("yyyy-MM-dd");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "610113001/2026/1", "申请-1", "x\n"})
    void refusesBadRequestIds(String id) {
        ObjectNode body = example();
        body.put("requestId", id);
        assertThat(only(errors(body)).field()).isEqualTo("requestId");
    }

    @Test
    void limitsRequestIdsTo64Characters() {
        ObjectNode body = example();
        body.put("requestId", "A".repeat(64));
        request(body);
        body.put("requestId", "A".repeat(65));
        assertThat(only(errors(body)).field()).isEqualTo("requestId");
        body.put("requestId", "Aa0._:-");
        request(body);
    }

    @Test
    void acceptsNamesOfUpTo50Characters() {
        ObjectNode body = example();
        for (String name : List.of("买买提·艾力", "王", "张".repeat(50), "\uD842\uDFB7".repeat(50), "Anna Müller")) {
            ((ObjectNode) body.get("applicant")).put("name", name);
            assertThat(request(body).applicant().name()).isEqualTo(name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "张三\n", "张\u0000三", "张\u2028三"})
    void refusesEmptyNamesAndControlCharacters(String name) {
        ObjectNode body = example();
        ((ObjectNode) body.get("applicant")).put("name", name);
        assertThat(only(errors(body)).field()).isEqualTo("applicant.name");
    }

    @Test
    void refusesNamesOver50Characters() {
        ObjectNode body = example();
        ((ObjectNode) body.get("applicant")).put("name", "张".repeat(51));
        assertThat(only(errors(body)).message()).contains("1–50", "51");
    }

    @Test
    void refusesUnknownFieldsAtEveryLevel() {
        ObjectNode body = example();
        body.put("residenceTownshp", "610113001");
        body.set("emergency", json("{\"kind\": \"ACCIDENT\", \"occurredOn\": \"2026-08-31\", \"place\": \"x\"}"));
        body.put("assistanceType", "TEMPORARY");
        assertThat(errors(body)).extracting(PolicyError::field)
                .containsExactlyInAnyOrder("residenceTownshp", "emergency.place");
    }

    @Test
    void explainsAnUnknownField() {
        ObjectNode body = example();
        body.put("residenceTownshp", "610113001");
        assertThat(only(errors(body)).message()).contains("无法识别的字段", "residenceTownship", "Unknown field");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/cb", "example.org/cb", "https://", "http://user:pw@example.org/cb",
            "https://exa mple.org/", "javascript:alert(1)", ""})
    void refusesCallbacksThatAreNotHttpUrls(String url) {
        ObjectNode body = example();
        body.put("callbackUrl", url);
        assertThat(only(errors(body)).field()).isEqualTo("callbackUrl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.0.0.5:8080/callback", "HTTPS://Township.Example/cb#x"})
    void acceptsHttpCallbacks(String url) {
        ObjectNode body = example();
        body.put("callbackUrl", url);
        assertThat(request(body).callbackUrl()).isEqualTo(url);
    }

    @Test
    void checksResidenceTownshipLevelAndSaysWhatTheCodeIs() {
        ObjectNode body = example();
        body.put("residenceTownship", "610113");
        assertThat(only(errors(body))).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DIVISION);
            assertThat(e.message()).contains("雁塔区", "9位镇（街道）代码", "2023");
        });
    }

    @Test
    void hintsAtTheCountyForAZeroPaddedHukou() {
        ObjectNode body = example();
        ((ObjectNode) body.get("applicant")).put("hukouDivision", "610104000");
        assertThat(only(errors(body))).satisfies(e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_DIVISION);
            assertThat(e.message()).contains("610104", "6位");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"61", "6101", "61011", "6101040030"})
    void refusesHukouCodesOfOtherLevelsOrLengths(String code) {
        ObjectNode body = example();
        ((ObjectNode) body.get("applicant")).put("hukouDivision", code);
        assertThat(only(errors(body)).code()).isEqualTo(ErrorCode.UNKNOWN_DIVISION);
    }

    @Test
    void requiresResidenceSinceOnlyWithoutEmergency() {
        ObjectNode body = example();
        body.remove("residenceSince");
        assertThat(only(errors(body)).field()).isEqualTo("residenceSince");
        body.set("emergency", json("{\"kind\": \"ACCIDENT\", \"occurredOn\": \"2026-08-31\"}"));
        assertThat(request(body).residenceSince()).isNull();
    }

    @Test
    void checksTheEmergencyFields() {
        ObjectNode body = example();
        body.set("emergency", json("{\"kind\": \"FIRE\", \"township\": \"610113\", \"description\": \"\"}"));
        assertThat(errors(body)).extracting(e -> e.field() + " " + e.code()).containsExactlyInAnyOrder(
                "emergency.kind INVALID_FIELD", "emergency.occurredOn INVALID_FIELD",
                "emergency.township UNKNOWN_DIVISION", "emergency.description INVALID_FIELD");
        body.set("emergency", json("{\"kind\": \"ACCIDENT\", \"occurredOn\": \"2026-08-31\", \"description\": \""
                + "火".repeat(501) + "\"}"));
        assertThat(only(errors(body)).field()).isEqualTo("emergency.description");
    }

    @Test
    void keepsTheEmergencyTownshipGiven() {
        ObjectNode body = example();
        body.set("emergency", json("{\"kind\": \"ACCIDENT\", \"occurredOn\": \"2026-08-31\", "
                + "\"township\": \"610113002001\"}"));
        assertThat(request(body).emergency().township()).isEqualTo("610113002");
    }

    @Test
    void checksTheProofFields() {
        ObjectNode body = example();
        body.set("proofOfNonReceipt", json("""
                {"issuerDivision": "510104017", "issuedOn": "2026-08-01", "validUntil": "2026-13-01",
                 "signedDocument": "not base64!"}"""));
        assertThat(errors(body)).extracting(e -> e.field() + " " + e.code()).containsExactlyInAnyOrder(
                "proofOfNonReceipt.documentNumber INVALID_FIELD", "proofOfNonReceipt.issuerDivision UNKNOWN_DIVISION",
                "proofOfNonReceipt.validUntil INVALID_FIELD", "proofOfNonReceipt.signedDocument INVALID_FIELD");
    }

    @Test
    void parseResultHoldsEitherARequestOrErrors() {
        assertThatThrownBy(() -> new VerificationRequestParser.ParseResult(null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        VerificationRequest r = request(example());
        assertThatThrownBy(() -> new VerificationRequestParser.ParseResult(r,
                List.of(PolicyError.of(ErrorCode.INVALID_FIELD, "$", "错", "wrong"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(VerificationRequestParser.ParseResult.success(r).ok()).isTrue();
    }

    @Test
    void writesChineseThenEnglish() {
        PolicyError e = PolicyError.of(ErrorCode.INVALID_FIELD, "appliedOn", "中文。", "English.");
        assertThat(e.message()).isEqualTo("中文。 / English.");
    }
}
