package org.assistx.gateway.audit;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data before it reaches a log line, the console or a search index. */
public final class Masking {

    private static final int MAX_TEXT = 500;
    private static final Pattern ID_LIKE = Pattern.compile("(?<!\\d)\\d{14,17}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern QUOTED = Pattern.compile("'[^'\\r\\n]*'|\"[^\"\\r\\n]*\"");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}+");

    private Masking() {
    }

    /** {@code 610113199001010049} becomes {@code 610113********0049}; anything short is fully masked. */
    public static String idNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() < 12) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** {@code 张三丰} becomes {@code 张**}. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        int first = name.offsetByCodePoints(0, 1);
        return name.substring(0, first) + "*".repeat(Math.max(1, name.codePointCount(first, name.length())));
    }

    /**
     * A free text that may quote values from a message (an error detail): every number that looks like an
     * ID number is masked, every name-like (Chinese) text inside quotes is masked, line breaks and other
     * control characters become spaces (so the text cannot forge log lines), and the whole is cut to 500
     * characters. Fixed wording outside quotes stays readable.
     */
    public static String freeText(String text) {
        if (text == null) {
            return null;
        }
        String masked = ID_LIKE.matcher(text).replaceAll(m -> Matcher.quoteReplacement(idNumber(m.group())));
        masked = QUOTED.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                HAN.matcher(m.group()).replaceAll(h -> Matcher.quoteReplacement(name(h.group())))));
        StringBuilder sb = new StringBuilder(Math.min(masked.length(), MAX_TEXT + 1));
        masked.codePoints().limit(MAX_TEXT).forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        if (masked.codePointCount(0, masked.length()) > MAX_TEXT) {
            sb.append('…');
        }
        return sb.toString();
    }
}
