package org.assistx.gateway.crypto;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes that are signed.
 *
 * <ul>
 *   <li>No whitespace. Object members sorted by their names compared as sequences of UTF-16 code units
 *       (which is {@link String#compareTo}).</li>
 *   <li>Strings as ECMAScript {@code JSON.stringify} writes them: {@code \b \f \n \r \t \" \\} as short
 *       escapes, the other control characters below U+0020 as <code>&#92;u00XX</code> with lowercase hex, and
 *       everything else (including {@code /}, U+007F and all non-ASCII) unescaped. A string holding a
 *       lone surrogate has no canonical form and is refused.</li>
 *   <li>Numbers as ECMAScript {@code Number.prototype.toString} writes the IEEE 754 double: integers up
 *       to 10<sup>21</sup> without exponent, {@code -0} as {@code 0}, otherwise the shortest digit string
 *       that reads back as the same double (the closest one if several are equally short), with an
 *       exponent as {@code 1e+30} / {@code 1e-7} outside 10<sup>-6</sup> ≤ |x| &lt; 10<sup>21</sup>.</li>
 * </ul>
 *
 * <p><b>Numbers on Java 17.</b> {@link Double#toString(double)} on Java 17 is not the shortest
 * round-trip form for every double (JDK-4511638, fixed only in Java 19), so it is not used: the digits
 * are computed here from the exact binary value with {@link BigDecimal}, trying 1 to 17 significant
 * digits and keeping the first that reads back as the same double. Jackson nodes are mapped as follows:
 * {@code DoubleNode}/{@code FloatNode} by their double value; {@code DecimalNode} by its value rounded to
 * the nearest double (as a JSON parser following RFC 8785 would); integer nodes ({@code IntNode},
 * {@code LongNode}, {@code BigIntegerNode}) only within ±(2<sup>53</sup>−1), the range where every
 * integer is its own double (RFC 7493 I-JSON). A larger integer such as {@code 9007199254740993} or
 * {@code 12345678901234567890} is refused with {@code CANONICALIZATION_FAILED} rather than signed as the
 * nearest double, which would let a different number pass the same signature: send such values as JSON
 * strings. NaN and infinities are refused as well; binary and POJO nodes have no JSON form and are
 * refused.
 */
public final class Jcs {

    private static final int MAX_DIGITS = 17;
    /** 2^53 - 1, the largest integer range in which every integer is a distinct double (RFC 7493 I-JSON). */
    private static final BigInteger MAX_SAFE_INTEGER = BigInteger.ONE.shiftLeft(53).subtract(BigInteger.ONE);

    private Jcs() {
    }

    /** The canonical form of {@code node} as UTF-8 bytes. */
    public static byte[] canonicalize(JsonNode node) {
        return canonicalString(node).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The canonical form of {@code node} as a string.
     *
     * @throws CryptoException {@code CANONICALIZATION_FAILED} if the node has no canonical form
     */
    public static String canonicalString(JsonNode node) {
        Objects.requireNonNull(node, "node");
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(node, out);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue() ? "true" : "false");
            case NULL -> out.append("null");
            default -> throw failed("a " + node.getNodeType() + " node has no JSON form");
        }
    }

    private static void writeObject(JsonNode node, StringBuilder out) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.size());
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            members.add(it.next());
        }
        // String.compareTo compares UTF-16 code units, which is exactly the RFC 8785 member order.
        members.sort(Map.Entry.comparingByKey());
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> member : members) {
            if (!first) {
                out.append(',');
            }
            first = false;
            writeString(member.getKey(), out);
            out.append(':');
            write(member.getValue(), out);
        }
        out.append('}');
    }

    private static void writeString(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                            throw failed("lone high surrogate at index " + i);
                        }
                        out.append(c).append(value.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw failed("lone low surrogate at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String number(JsonNode node) {
        if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            if (value.abs().compareTo(MAX_SAFE_INTEGER) > 0) {
                throw failed("integer " + value + " is outside the exactly representable range +-(2^53-1);"
                        + " send it as a string");
            }
            return value.toString();
        }
        if (node.isBigDecimal()) {
            return numberToString(node.decimalValue().doubleValue());
        }
        return numberToString(node.doubleValue());
    }

    /**
     * ECMAScript {@code Number::toString} of {@code value} (ECMA-262, 7.1.12.1), as RFC 8785 requires.
     *
     * @throws CryptoException {@code CANONICALIZATION_FAILED} for NaN and infinities
     */
    static String numberToString(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw failed(value + " is not a JSON number");
        }
        if (value == 0) {
            return "0"; // also -0
        }
        BigDecimal shortest = shortest(Math.abs(value));
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int n = k - shortest.scale(); // value = 0.digits x 10^n
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        if (k <= n && n <= 21) {
            out.append(digits);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            int exponent = n - 1;
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code value} (positive, finite),
     * the closer one to the exact binary value when two candidates have that many digits, the one with
     * the even last digit on a tie. Trailing zeros stripped.
     */
    private static BigDecimal shortest(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision <= MAX_DIGITS; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == value;
            boolean upOk = up.doubleValue() == value;
            BigDecimal chosen;
            if (downOk && upOk) {
                int cmp = exact.subtract(down).compareTo(up.subtract(exact));
                if (cmp < 0) {
                    chosen = down;
                } else if (cmp > 0) {
                    chosen = up;
                } else {
                    chosen = down.unscaledValue().testBit(0) ? up : down;
                }
            } else if (downOk) {
                chosen = down;
            } else if (upOk) {
                chosen = up;
            } else {
                continue;
            }
            return chosen.stripTrailingZeros();
        }
        // 17 significant digits always identify a double; not reachable for finite input.
        throw failed("no round-trip decimal for " + value);
    }

    private static CryptoException failed(String reason) {
        return new CryptoException(CryptoException.CANONICALIZATION_FAILED, "JSON has no canonical form: " + reason);
    }
}
