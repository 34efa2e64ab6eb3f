package org.assistx.gateway.followup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.MutableClock;
import org.assistx.gateway.policy.ResidenceChangeDecision.Action;
import org.assistx.gateway.policy.ResidenceChangeParser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A residence change that has not reached its 3 months waits in the database and is decided again, by the
 * scheduler, once its date has come: here the clock moves forward instead of waiting months.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RecheckSchedulerTest {

    static final MutableClock CLOCK = new MutableClock(Instant.now());

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        Clock movableClock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "recheck");
    }

    @Autowired
    ResidenceChanges changes;
    @Autowired
    ResidenceChangeParser parser;
    @Autowired
    RecheckScheduler scheduler;
    @Autowired
    ObjectMapper json;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRecheckLaterChangeBecomesATransferOnItsDateAndSendsItsNotice() throws Exception {
        LocalDate today = LocalDate.now(CLOCK.withZone(ZoneOffset.ofHours(8)));
        LocalDate moved = today.minusMonths(1);
        var parsed = parser.parse(json.readTree("""
            {"requestId": "recheck-1", "reportedOn": "%s", "managingTownship": "610113001",
             "recipient": {"idNumber": "610113199208080049", "name": "孙七", "hukouDivision": "610113002"},
             "assistanceType": "DIBAO", "newResidenceDivision": "610113004", "movedOn": "%s"}
            """.formatted(today, moved)));
        assertThat(parsed.ok()).as(parsed.errors().toString()).isTrue();
        ResidenceChanges.Stored stored = changes.report("610113001", parsed.change(), "digest-recheck-1");
        assertThat(stored.action()).isEqualTo(Action.RECHECK_LATER);

        assertThat(scheduler.run()).as("nothing is due yet").isZero();
        assertThat(changes.find(stored.changeId()).orElseThrow().action()).isEqualTo(Action.RECHECK_LATER);

        CLOCK.advance(Duration.ofDays(62));
        scheduler.run();

        ResidenceChanges.Stored after = changes.find(stored.changeId()).orElseThrow();
        assertThat(after.action()).isEqualTo(Action.TRANSFER_CASE);
        assertThat(after.recheckOn()).isNull();
        assertThat(after.noticeMessageId()).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> "DELIVERED".equals(jdbc.queryForObject(
                "SELECT status FROM message WHERE message_id = ?", String.class, after.noticeMessageId())));
        assertThat(scheduler.run()).as("a decided change is not decided again").isZero();
    }
}
