package org.assistx.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.assistx.gateway.partner.BusinessDeadlines;
import org.junit.jupiter.api.Test;

/** Business deadlines count working days (Mon–Fri) in China Standard Time, ending at midnight. */
class DeadlinesTest {

    @Test
    void fiveWorkingDaysFromAMondayEndOnTheNextMonday() {
        // Monday 2026-09-07 10:00 CST → due at the end of Monday 2026-09-14 (CST).
        assertThat(BusinessDeadlines.due(Instant.parse("2026-09-07T02:00:00Z"), 5))
                .isEqualTo(Instant.parse("2026-09-14T16:00:00Z"));
    }

    @Test
    void aFridayEveningInChinaIsStillFriday() {
        // Friday 2026-09-11 23:30 CST (15:30 UTC) → 1 working day → end of Monday 2026-09-14.
        assertThat(BusinessDeadlines.due(Instant.parse("2026-09-11T15:30:00Z"), 1))
                .isEqualTo(Instant.parse("2026-09-14T16:00:00Z"));
    }

    @Test
    void aWeekendAcceptanceCountsFromMonday() {
        // Saturday 2026-09-12 → first working day Monday 14, fifth Friday 18 → due end of Friday.
        assertThat(BusinessDeadlines.due(Instant.parse("2026-09-12T04:00:00Z"), 5))
                .isEqualTo(Instant.parse("2026-09-18T16:00:00Z"));
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
