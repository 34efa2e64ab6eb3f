package org.assistx.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatesTest {

    @ParameterizedTest(name = "{0} to {1}: {2} months")
    @CsvSource({
            "2026-03-31, 2026-06-29, 2", "2026-03-31, 2026-06-30, 3", "2026-03-31, 2026-07-01, 3",
            "2026-01-31, 2026-02-28, 1", "2026-01-30, 2026-03-01, 1", "2026-01-31, 2026-03-30, 1",
            "2026-01-31, 2026-03-31, 2", "2024-02-29, 2025-02-28, 12", "2024-02-29, 2025-02-27, 11",
            "2023-02-28, 2024-02-28, 12", "2023-02-28, 2024-02-29, 12", "2024-01-31, 2024-02-29, 1",
            "2026-09-01, 2026-09-01, 0", "2026-09-02, 2026-09-01, 0", "2020-01-15, 2026-09-14, 79"})
    void countsWholeCalendarMonths(LocalDate from, LocalDate to, int months) {
        assertThat(Dates.fullMonths(from, to)).isEqualTo(months);
    }

    @Test
    void agreesWithPlusMonthsEverywhere() {
        LocalDate from = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < 800; i++) {
            LocalDate start = from.plusDays(i);
            for (int days = 0; days < 400; days += 7) {
                LocalDate to = start.plusDays(days);
                int n = Dates.fullMonths(start, to);
                assertThat(start.plusMonths(n)).isBeforeOrEqualTo(to);
                assertThat(start.plusMonths(n + 1L)).isAfter(to);
            }
        }
    }

    @Test
    void namesTheDayTheMonthsAreReached() {
        assertThat(Dates.reachedOn(LocalDate.of(2026, 3, 31), 3)).isEqualTo(LocalDate.of(2026, 6, 30));
        assertThat(Dates.reachedOn(LocalDate.of(2024, 2, 29), 12)).isEqualTo(LocalDate.of(2025, 2, 28));
    }

    @Test
    void writesMonthsInEnglish() {
        assertThat(Dates.monthsEnglish(1)).isEqualTo("1 month");
        assertThat(Dates.monthsEnglish(4)).isEqualTo("4 months");
    }
}
