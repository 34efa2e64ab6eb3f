package org.assistx.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.partner.BusinessDeadlines;
import org.assistx.gateway.partner.WorkingDayCalendar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Business deadlines count working days in China Standard Time, ending at midnight: Monday to Friday, less
 * the public holidays and plus the 调休 working weekends of the calendar's years.
 */
class DeadlinesTest {

    private static final WorkingDayCalendar MON_FRI = WorkingDayCalendar.mondayToFriday();
    private static final WorkingDayCalendar CHINA = WorkingDayCalendar.builtIn();

    @Test
    void fiveWorkingDaysFromAMondayEndOnTheNextMonday() {
        // Monday 2026-09-07 10:00 CST → due at the end of Monday 2026-09-14 (CST).
        assertThat(BusinessDeadlines.due(Instant.parse("2026-09-07T02:00:00Z"), 5, CHINA))
                .isEqualTo(Instant.parse("2026-09-14T16:00:00Z"));
    }

    @Test
    void aFridayEveningInChinaIsStillFriday() {
        // Friday 2026-09-11 23:30 CST (15:30 UTC) → 1 working day → end of Monday 2026-09-14.
        assertThat(BusinessDeadlines.due(Instant.parse("2026-09-11T15:30:00Z"), 1, CHINA))
                .isEqualTo(Instant.parse("2026-09-14T16:00:00Z"));
    }

    @Test
    void aWeekendAcceptanceCountsFromMonday() {
        // Saturday 2026-09-12 → first working day Monday 14, fifth Friday 18 → due end of Friday.
        assertThat(BusinessDeadlines.due(Instant.parse("2026-09-12T04:00:00Z"), 5, CHINA))
                .isEqualTo(Instant.parse("2026-09-18T16:00:00Z"));
    }

    @Test
    void aCaseAcceptedJustBeforeNationalDayIsNotOverdueDuringTheHoliday() {
        // Monday 2026-09-28 10:00 CST. Working days: Tue 29, Wed 30, then 1–7 October are the holiday
        // (国务院办公厅关于2026年部分节假日安排的通知), Thu 8, Fri 9 and Saturday 10 October, worked in exchange.
        Instant accepted = Instant.parse("2026-09-28T02:00:00Z");
        Instant due = BusinessDeadlines.due(accepted, 5, CHINA);
        assertThat(due).isEqualTo(Instant.parse("2026-10-10T16:00:00Z"));
        for (int day = 1; day <= 7; day++) {
            Instant noon = LocalDate.of(2026, 10, day).atTime(12, 0).atZone(BusinessDeadlines.CHINA).toInstant();
            assertThat(due.isBefore(noon)).as("overdue on 2026-10-0%d", day).isFalse();
        }
        // Counted Monday to Friday it would have been overdue in the middle of the holiday.
        assertThat(BusinessDeadlines.due(accepted, 5, MON_FRI)).isEqualTo(Instant.parse("2026-10-05T16:00:00Z"));
    }

    @Test
    void theCalendarKnowsHolidaysAndWorkedWeekendsOfItsYears() {
        assertThat(CHINA.isWorkingDay(LocalDate.of(2026, 10, 1))).isFalse();
        assertThat(CHINA.isWorkingDay(LocalDate.of(2026, 9, 20))).as("Sunday worked for National Day").isTrue();
        assertThat(CHINA.isWorkingDay(LocalDate.of(2026, 2, 23))).as("Monday of the Spring Festival").isFalse();
        assertThat(CHINA.isWorkingDay(LocalDate.of(2025, 1, 26))).as("Sunday worked for the Spring Festival").isTrue();
        assertThat(CHINA.isWorkingDay(LocalDate.of(2025, 10, 8))).isFalse();
        assertThat(CHINA.sources()).containsKeys(2025, 2026);
        assertThat(CHINA.sources().get(2026)).contains("国务院办公厅关于2026年部分节假日安排的通知");
    }

    @Test
    void aYearTheCalendarDoesNotCoverCountsMondayToFriday() {
        assertThat(CHINA.missing(2026, 2099)).containsExactly(2099);
        assertThat(CHINA.isWorkingDay(LocalDate.of(2099, 10, 1))).as("a Thursday").isTrue();
        assertThat(CHINA.isWorkingDay(LocalDate.of(2099, 10, 3))).as("a Saturday").isFalse();
    }

    @Test
    void aConfiguredFileReplacesTheBuiltInCalendar(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("days.csv");
        Files.writeString(file, """
                # a deployment's own copy
                year,2099,测试用的年度通知
                2099-10-01,HOLIDAY,国庆节
                2099-10-03,WORKDAY,调休上班
                """, StandardCharsets.UTF_8);
        WorkingDayCalendar own = WorkingDayCalendar.load(file.toString());
        assertThat(own.isWorkingDay(LocalDate.of(2099, 10, 1))).isFalse();
        assertThat(own.isWorkingDay(LocalDate.of(2099, 10, 3))).isTrue();
        assertThat(own.covers(2026)).isFalse();
        assertThat(WorkingDayCalendar.load("").sources()).isEqualTo(CHINA.sources());
    }

    @Test
    void aBrokenCalendarIsRefusedAtStartUp() {
        assertThatThrownBy(() -> WorkingDayCalendar.parse("2099-10-01,HOLIDAY,国庆节", "x"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("no year line");
        assertThatThrownBy(() -> WorkingDayCalendar.parse("year,2099,s\n2099-10-01,WORKDAY,x", "x"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("weekday");
        assertThatThrownBy(() -> WorkingDayCalendar.parse("year,2099,s\n2099-10-01,OFF,x", "x"))
                .isInstanceOf(GatewayException.class).hasMessageContaining("HOLIDAY or WORKDAY");
    }

    @Test
    void reasonCodesAreBoundedLabels() {
        assertThat(OpsEvents.reasonCode("TRANSPORT_FAILED: ConnectException: refused")).isEqualTo("TRANSPORT_FAILED");
        assertThat(OpsEvents.reasonCode("REQUEST_HASH_MISMATCH: reply answers another request"))
                .isEqualTo("REQUEST_HASH_MISMATCH");
        assertThat(OpsEvents.reasonCode("something odd happened")).isEqualTo("OTHER");
        assertThat(OpsEvents.reasonCode(null)).isEqualTo("UNKNOWN");
        assertThat(OpsEvents.directName("direct://core-transport-soap")).isEqualTo("core-transport-soap");
        assertThat(OpsEvents.directName("jms://queue:x")).isNull();
    }
}
