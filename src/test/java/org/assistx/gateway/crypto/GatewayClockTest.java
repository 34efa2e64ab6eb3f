package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The gateway's clock gives the day in China, whatever the server's zone. */
class GatewayClockTest {

    @Test
    void todayIsTheDayInBeijingEvenBeforeEightInTheMorning() {
        Clock clock = new CryptoConfiguration().clock();
        // 2026-12-07T17:30Z is 01:30 on 2026-12-08 in Beijing: a township working then is on the 8th.
        Clock at = Clock.fixed(Instant.parse("2026-12-07T17:30:00Z"), clock.getZone());
        assertThat(LocalDate.now(at)).isEqualTo(LocalDate.of(2026, 12, 8));
    }
}
