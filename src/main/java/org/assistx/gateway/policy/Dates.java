package org.assistx.gateway.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Calendar rules shared by the policy classes. */
final class Dates {

    /** Dates of the policy are days in China: "today" is today in Beijing time. */
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    static final Clock DEFAULT_CLOCK = Clock.system(CHINA);

    private Dates() {
    }

    /**
     * Whole calendar months from {@code from} to {@code to}: the largest {@code n} with
     * {@code from.plusMonths(n) <= to}. {@code plusMonths} clamps to the end of a shorter month, so
     * 2026-03-31 has 3 months on 2026-06-30 and 2024-02-29 has 12 months on 2025-02-28. Negative spans
     * give 0.
     */
    static int fullMonths(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return 0;
        }
        long n = ChronoUnit.MONTHS.between(from, to);
        while (!from.plusMonths(n + 1).isAfter(to)) {
            n++;
        }
        while (n > 0 && from.plusMonths(n).isAfter(to)) {
            n--;
        }
        return (int) n;
    }

    /** The day on which {@code months} whole months from {@code from} are reached. */
    static LocalDate reachedOn(LocalDate from, int months) {
        return from.plusMonths(months);
    }

    /** "1 month", "4 months". */
    static String monthsEnglish(int n) {
        return n == 1 ? "1 month" : n + " months";
    }
}
