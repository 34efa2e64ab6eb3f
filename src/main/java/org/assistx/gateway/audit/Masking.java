package org.assistx.gateway.audit;

/** Masks personal data before it reaches a log line, the console or a search index. */
public final class Masking {

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
}
