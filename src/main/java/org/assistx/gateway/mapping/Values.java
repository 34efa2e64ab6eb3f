package org.assistx.gateway.mapping;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/** Conversions of source values into canonical values, shared by the loader and the mapper. */
final class Values {

    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");
    private static final int MAX_SHOWN = 80;

    private Values() {
    }

    /** An ID number in canonical form (final letter upper-cased), or {@code null} when it is not one. */
    static String idNumber(String v) {
        String up = v.toUpperCase(Locale.ROOT);
        return ID_NUMBER.matcher(up).matches() ? up : null;
    }

    /**
     * A division code in canonical form: a 12-digit statistical code is cut to its 9-digit township, and
     * a 9-digit code ending in {@code 000} (the county itself) to its 6-digit county. {@code null} when
     * the value is no division code.
     */
    static String division(String v) {
        if (!DIGITS.matcher(v).matches()) {
            return null;
        }
        String d = v;
        if (d.length() == 12) {
            d = d.substring(0, 9);
        }
        if (d.length() == 9 && d.endsWith("000")) {
            d = d.substring(0, 6);
        }
        return d.length() == 6 || d.length() == 9 ? d : null;
    }

    /**
     * An amount as a plain decimal string with two places.
     *
     * @throws IllegalArgumentException saying why the value is not an amount in that unit
     */
    static String amount(String raw, FieldSpec.AmountUnit unit) {
        if (raw.startsWith("-")) {
            throw new IllegalArgumentException("is negative");
        }
        if (!DECIMAL.matcher(raw).matches()) {
            throw new IllegalArgumentException("is not a decimal number");
        }
        BigDecimal n = new BigDecimal(raw);
        if (unit == FieldSpec.AmountUnit.FEN) {
            if (n.stripTrailingZeros().scale() > 0) {
                throw new IllegalArgumentException("is not a whole number of fen");
            }
            n = n.movePointLeft(2);
        } else if (n.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("has more than two decimal places of yuan (would have to be rounded)");
        }
        if (n.compareTo(new BigDecimal("1000000000")) >= 0) {
            throw new IllegalArgumentException("is implausibly large (a billion yuan or more)");
        }
        return n.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }

    /**
     * A value as shown in an error message: quoted, cut when long, and an ID number masked
     * ({@code 610113********0049}) because messages reach logs.
     */
    static String shown(CanonicalField field, String value) {
        if (value == null) {
            return "<missing>";
        }
        String v = value;
        if (field != null && field.kind() == CanonicalField.Kind.ID_NUMBER) {
            v = v.length() < 12 ? "*".repeat(v.length())
                    : v.substring(0, 6) + "*".repeat(v.length() - 10) + v.substring(v.length() - 4);
        }
        if (v.length() > MAX_SHOWN) {
            v = v.substring(0, MAX_SHOWN) + "…";
        }
        return "'" + v + "'";
    }
}
