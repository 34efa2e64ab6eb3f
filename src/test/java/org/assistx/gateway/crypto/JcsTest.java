package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JcsTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** RFC 8785 section 3.2.2 input; its canonical form is given in section 3.2.3/3.2.4. */
    private static final String RFC_INPUT = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50,
                          2e-3, 0.000000000000000000000000001],
              "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
              "literals": [null, true, false]
            }
            """;

    private static final String RFC_OUTPUT =
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
                    + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";

    @Test
    void rfc8785MainExample() throws Exception {
        assertThat(Jcs.canonicalString(MAPPER.readTree(RFC_INPUT))).isEqualTo(RFC_OUTPUT);
    }

    @Test
    void rfc8785MainExampleAsUtf8Bytes() throws Exception {
        byte[] bytes = Jcs.canonicalize(MAPPER.readTree(RFC_INPUT));
        assertThat(bytes).isEqualTo(RFC_OUTPUT.getBytes(StandardCharsets.UTF_8));
        // the hex dump of RFC 8785 section 3.2.4; the euro sign is three raw UTF-8 bytes, not an escape
        String hex = "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a"
                + "5b3333333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d3237"
                + "5d2c22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d";
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(hex);
    }

    @Test
    void rfc8785MainExampleWithBigDecimalParsing() throws Exception {
        ObjectMapper decimals = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode node = decimals.readTree(RFC_INPUT);
        assertThat(node.get("numbers").get(0)).isInstanceOf(DecimalNode.class);
        assertThat(Jcs.canonicalString(node)).isEqualTo(RFC_OUTPUT);
    }

    @Test
    void rfc8785SortingExample() throws Exception {
        String input = """
                {
                  "\\u20ac": "Euro Sign",
                  "\\r": "Carriage Return",
                  "\\ufb33": "Hebrew Letter Dalet With Dagesh",
                  "1": "One",
                  "\\ud83d\\ude00": "Emoji: Grinning Face",
                  "\\u0080": "Control",
                  "\\u00f6": "Latin Small Letter O With Diaeresis"
                }
                """;
        String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
        assertThat(Jcs.canonicalString(MAPPER.readTree(input))).isEqualTo(expected);
    }

    @Test
    void sortsByUtf16CodeUnitsNotCodePoints() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("\uffff", 1); // U+FFFF is one code unit 0xFFFF
        node.put("\ud800\udc00", 2); // U+10000 starts with code unit 0xD800
        node.put("a", 3);
        node.put("", 4);
        assertThat(Jcs.canonicalString(node)).isEqualTo("{\"\":4,\"a\":3,\"\ud800\udc00\":2,\"\uffff\":1}");
    }

    @Test
    void sortsNestedObjectsButKeepsArrayOrder() throws Exception {
        JsonNode node = MAPPER.readTree("{\"b\": [3, {\"z\": 1, \"y\": [\"b\", \"a\"]}], \"a\": {\"d\": null, \"c\": true}}");
        assertThat(Jcs.canonicalString(node)).isEqualTo("{\"a\":{\"c\":true,\"d\":null},\"b\":[3,{\"y\":[\"b\",\"a\"],\"z\":1}]}");
    }

    @Test
    void envelopePartWithChineseText() throws Exception {
        JsonNode node = MAPPER.readTree("""
                {"payload": {"applicant": {"name": "张三", "hukouDivision": "610104003"}},
                 "header": {"type": "VERIFICATION_REQUEST", "sender": "610113001", "schemaVersion": "1"}}
                """);
        String canonical = Jcs.canonicalString(node);
        assertThat(canonical).isEqualTo("{\"header\":{\"schemaVersion\":\"1\",\"sender\":\"610113001\","
                + "\"type\":\"VERIFICATION_REQUEST\"},\"payload\":{\"applicant\":{\"hukouDivision\":\"610104003\","
                + "\"name\":\"张三\"}}}");
        assertThat(Jcs.canonicalize(node)).containsSequence(0xE5, 0xBC, 0xA0); // 张 in UTF-8, unescaped
    }

    @Test
    void escapesStringsLikeJsonStringify() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        all.append("\"\\/\u007f\u0080\u2028\u2029\ufeff");
        String expected = "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r"
                + "\\u000e\\u000f\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a"
                + "\\u001b\\u001c\\u001d\\u001e\\u001f\\\"\\\\/\u007f\u0080\u2028\u2029\ufeff\"";
        assertThat(Jcs.canonicalString(TextNode.valueOf(all.toString()))).isEqualTo(expected);
    }

    @Test
    void refusesLoneSurrogates() {
        assertThatThrownBy(() -> Jcs.canonicalString(TextNode.valueOf("a\ud800b")))
                .isInstanceOf(CryptoException.class)
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CANONICALIZATION_FAILED);
        assertThatThrownBy(() -> Jcs.canonicalString(TextNode.valueOf("\udc00")))
                .isInstanceOf(CryptoException.class);
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("\ud83d", "key is a lone surrogate");
        assertThatThrownBy(() -> Jcs.canonicalString(node)).isInstanceOf(CryptoException.class);
    }

    @Test
    void literalsAndEmptyContainers() throws Exception {
        assertThat(Jcs.canonicalString(MAPPER.readTree("[ null , true , false , { } , [ ] , \"\" ]")))
                .isEqualTo("[null,true,false,{},[],\"\"]");
    }

    /** The number samples of RFC 8785 appendix B (IEEE 754 bit pattern, canonical text). */
    @ParameterizedTest
    @CsvSource({
            "0000000000000000, 0",
            "8000000000000000, 0",
            "0000000000000001, 5e-324",
            "8000000000000001, -5e-324",
            "7fefffffffffffff, 1.7976931348623157e+308",
            "ffefffffffffffff, -1.7976931348623157e+308",
            "4340000000000000, 9007199254740992",
            "c340000000000000, -9007199254740992",
            "4430000000000000, 295147905179352830000",
            "44b52d02c7e14af5, 9.999999999999997e+22",
            "44b52d02c7e14af6, 1e+23",
            "44b52d02c7e14af7, 1.0000000000000001e+23",
            "444b1ae4d6e2ef4e, 999999999999999700000",
            "444b1ae4d6e2ef4f, 999999999999999900000",
            "444b1ae4d6e2ef50, 1e+21",
            "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
            "3eb0c6f7a0b5ed8d, 0.000001",
            "41b3de4355555553, 333333333.3333332",
            "41b3de4355555554, 333333333.33333325",
            "41b3de4355555555, 333333333.3333333",
            "41b3de4355555556, 333333333.3333334",
            "41b3de4355555557, 333333333.33333343",
            "becbf647612f3696, -0.0000033333333333333333",
            "43143ff3c1cb0959, 1424953923781206.2",
    })
    void rfc8785NumberSamples(String bits, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
        assertThat(Jcs.canonicalString(DoubleNode.valueOf(value))).isEqualTo(expected);
    }

    /** Parsed from JSON text, as they arrive in messages. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1E30 | 1e+30",
            "4.50 | 4.5",
            "0.002 | 0.002",
            "2e-3 | 0.002",
            "1e-7 | 1e-7",
            "0.0000001 | 1e-7",
            "0.000001 | 0.000001",
            "-0 | 0",
            "-0.0 | 0",
            "0.0 | 0",
            "1.0 | 1",
            "100 | 100",
            "-17 | -17",
            "1e21 | 1e+21",
            "1e20 | 100000000000000000000",
            "123456789012345678901.0 | 123456789012345680000",
            "0.1 | 0.1",
            "1.5e-6 | 0.0000015",
            "12345.678 | 12345.678",
            "9007199254740991 | 9007199254740991",
            "-9007199254740991 | -9007199254740991",
            "9007199254740992.0 | 9007199254740992",
    })
    void numbersFromJsonText(String json, String expected) throws Exception {
        assertThat(Jcs.canonicalString(MAPPER.readTree(json))).isEqualTo(expected);
    }

    /**
     * Doubles whose Java 17 {@link Double#toString} is not the shortest form (JDK-4511638), so a naive
     * implementation would sign different bytes than every other JCS implementation.
     */
    @ParameterizedTest
    @CsvSource({
            "1.0E23, 1e+23",
            "2.0E23, 2e+23",
            "8.41E21, 8.41e+21",
            "4.9E-324, 5e-324",
            "2.82879384806159E17, 282879384806159000",
            "1.0E-323, 1e-323",
            "0.30000000000000004, 0.30000000000000004",
    })
    void shortestFormWhereJava17DoubleToStringIsNot(double value, String expected) {
        assertThat(Jcs.canonicalString(DoubleNode.valueOf(value))).isEqualTo(expected);
    }

    @Test
    void roundTripsAndIsNeverLongerThanDoubleToString() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(8785);
        for (int i = 0; i < 5_000; i++) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                continue;
            }
            String text = Jcs.numberToString(value);
            assertThat(Double.parseDouble(text)).as(text).isEqualTo(value == 0 ? 0.0 : value);
            assertThat(significantDigits(text)).as(text).isLessThanOrEqualTo(significantDigits(Double.toString(value)));
        }
    }

    @Test
    void integerNodesWithinTheSafeRangeAreWrittenAsIs() {
        assertThat(Jcs.canonicalString(LongNode.valueOf(9007199254740991L))).isEqualTo("9007199254740991");
        assertThat(Jcs.canonicalString(LongNode.valueOf(-9007199254740991L))).isEqualTo("-9007199254740991");
        assertThat(Jcs.canonicalString(BigIntegerNode.valueOf(BigInteger.valueOf(1_000_000)))).isEqualTo("1000000");
    }

    @Test
    void integerNodesBeyondTheSafeRangeAreRefused() {
        assertThatThrownBy(() -> Jcs.canonicalString(LongNode.valueOf(9007199254740993L)))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("9007199254740993")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CANONICALIZATION_FAILED);
        assertThatThrownBy(() -> Jcs.canonicalString(LongNode.valueOf(9007199254740992L)))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Jcs.canonicalString(LongNode.valueOf(Long.MIN_VALUE)))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Jcs.canonicalString(BigIntegerNode.valueOf(BigInteger.TEN.pow(21))))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void bigIntegerFromJsonTextBeyondDoublePrecisionIsRefused() throws Exception {
        JsonNode node = MAPPER.readTree("{\"id\": 12345678901234567890}");
        assertThatThrownBy(() -> Jcs.canonicalString(node)).isInstanceOf(CryptoException.class);
    }

    @Test
    void decimalAndFloatNodes() {
        assertThat(Jcs.canonicalString(DecimalNode.valueOf(new BigDecimal("4.50")))).isEqualTo("4.5");
        assertThat(Jcs.canonicalString(DecimalNode.valueOf(new BigDecimal("1E+2")))).isEqualTo("100");
        assertThat(Jcs.canonicalString(FloatNode.valueOf(0.5f))).isEqualTo("0.5");
        // A float is its exact double value, as in JavaScript.
        assertThat(Jcs.canonicalString(FloatNode.valueOf(0.1f))).isEqualTo("0.10000000149011612");
        assertThatThrownBy(() -> Jcs.canonicalString(DecimalNode.valueOf(new BigDecimal("1E+400"))))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesNonFiniteNumbersAndNonJsonNodes() {
        for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> Jcs.canonicalString(DoubleNode.valueOf(value)))
                    .isInstanceOf(CryptoException.class)
                    .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CANONICALIZATION_FAILED);
        }
        assertThatThrownBy(() -> Jcs.canonicalString(BinaryNode.valueOf(new byte[] {1})))
                .isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> Jcs.canonicalString(JsonNodeFactory.instance.pojoNode(new Object())))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void independentOfInputFormatting() throws Exception {
        JsonNode a = MAPPER.readTree("{\"b\":1.50,\"a\":[1,2]}");
        JsonNode b = MAPPER.readTree("{\n  \"a\" : [ 1 , 2 ] ,\n  \"b\" : 15e-1\n}");
        assertThat(Jcs.canonicalize(a)).isEqualTo(Jcs.canonicalize(b));
    }

    private static int significantDigits(String number) {
        String mantissa = number.toLowerCase().split("e")[0].replace("-", "").replace(".", "");
        mantissa = mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "");
        return Math.max(mantissa.length(), 1);
    }
}
