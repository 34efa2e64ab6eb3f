package org.assistx.gateway.mapping;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Locale;

/**
 * One way a partner writes a date: a {@link DateTimeFormatter} pattern such as {@code yyyyMMdd} or
 * {@code yyyy-MM-dd HH:mm:ss} (read strictly: {@code 2024-02-30} is refused, never rounded), or
 * {@code epochMillis} / {@code epochSeconds} (read as a day in China Standard Time).
 */
final class DatePattern {

    static final String EPOCH_MILLIS = "epochMillis";
    static final String EPOCH_SECONDS = "epochSeconds";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final String text;
    private final DateTimeFormatter formatter;

    private DatePattern(String text, DateTimeFormatter formatter) {
        this.text = text;
        this.formatter = formatter;
    }

    /**
     * @throws IllegalArgumentException with a reason an integrator understands when the pattern is not a
     *     usable date pattern (bad letters, no year, month or day, a two-digit year)
     */
    static DatePattern of(String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new IllegalArgumentException("date pattern is empty");
        }
        if (pattern.equals(EPOCH_MILLIS) || pattern.equals(EPOCH_SECONDS)) {
            return new DatePattern(pattern, null);
        }
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(yearOfEraToYear(pattern), Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a date pattern: " + e.getMessage());
        }
        // probe with full date-times (offset and zone included) so that patterns with times and offsets
        // can be written; what matters is that the date comes back unchanged
        for (ZonedDateTime probe : new ZonedDateTime[] {
                ZonedDateTime.of(LocalDateTime.of(2024, 2, 29, 13, 45, 30), CHINA),
                ZonedDateTime.of(LocalDateTime.of(1985, 11, 7, 8, 5, 9), CHINA)}) {
            LocalDate back;
            try {
                back = LocalDate.from(f.parse(f.format(probe)));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("'" + pattern
                        + "' does not read a whole date (it needs a four-digit year, a month and a day, e.g. yyyyMMdd)");
            }
            if (!back.equals(probe.toLocalDate())) {
                throw new IllegalArgumentException("'" + pattern
                        + "' does not read dates back unchanged (a two-digit year? use yyyy)");
            }
        }
        return new DatePattern(pattern, f);
    }

    /** {@code yyyy} is year-of-era, which a strict resolver cannot use without an era: read it as the year. */
    private static String yearOfEraToYear(String pattern) {
        StringBuilder b = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            }
            b.append(!quoted && c == 'y' ? 'u' : c);
        }
        return b.toString();
    }

    /**
     * @return the date, or {@code null} when {@code value} is not written this way
     */
    LocalDate parse(String value) {
        try {
            if (formatter != null) {
                return LocalDate.from(formatter.parse(value));
            }
            if (!value.matches("-?\\d{1,19}")) {
                return null;
            }
            long n = Long.parseLong(value);
            Instant at = text.equals(EPOCH_MILLIS) ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            return LocalDate.ofInstant(at, CHINA);
        } catch (DateTimeException | NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-dd}: the canonical form, used for constants. */
    static LocalDate parseIso(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
