package org.assistx.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.policy.ResidenceChangeDecision.Action;
import org.junit.jupiter.api.Test;

class ResidenceChangeRulesTest {

    private final ResidenceChangeRules rules = new ResidenceChangeRules(DivisionRegistry.loadDefault());

    private static ResidenceChange change(String hukou, AssistanceType type, String newResidence, LocalDate movedOn) {
        return new ResidenceChange("c-1", LocalDate.of(2026, 4, 10), "610113001",
                new Recipient("610104199001011234", "李四", hukou), type, newResidence, movedOn);
    }

    @Test
    void suspendsPaymentsAndSaysSoInWriting() {
        ResidenceChangeDecision d = rules.decide(change("440106001", AssistanceType.DIBAO, "440106002",
                LocalDate.of(2026, 3, 31)), LocalDate.of(2026, 7, 10));
        assertThat(d.action()).isEqualTo(Action.SUSPEND_PAYMENT);
        assertThat(d.recheckOn()).isNull();
        assertThat(d.reason()).contains("停发", "书面告知", "雁塔区", "2026-06-30", "in writing");
    }

    @Test
    void transfersTheCaseToTheNewTownship() {
        ResidenceChangeDecision d = rules.decide(change("610113005", AssistanceType.TEKUN, "610113002",
                LocalDate.of(2026, 3, 31)), LocalDate.of(2026, 6, 30));
        assertThat(d.action()).isEqualTo(Action.TRANSFER_CASE);
        assertThat(d.reason()).contains("610113002 大雁塔街道", "属地变更", "transfer the case");
    }

    @Test
    void rechecksOnTheDayTheThreeMonthsAreReached() {
        ResidenceChangeDecision d = rules.decide(change("440106001", AssistanceType.DIBAO, "440106002",
                LocalDate.of(2026, 11, 30)), LocalDate.of(2026, 12, 1));
        assertThat(d.action()).isEqualTo(Action.RECHECK_LATER);
        assertThat(d.recheckOn()).isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(rules.decide(change("440106001", AssistanceType.DIBAO, "440106002", LocalDate.of(2026, 11, 30)),
                d.recheckOn()).action()).isEqualTo(Action.SUSPEND_PAYMENT);
    }

    @Test
    void rechecksAMoveAnnouncedForLater() {
        ResidenceChangeDecision d = rules.decide(change("610113005", AssistanceType.DIBAO, "610113002",
                LocalDate.of(2026, 10, 1)), LocalDate.of(2026, 9, 15));
        assertThat(d.action()).isEqualTo(Action.RECHECK_LATER);
        assertThat(d.recheckOn()).isEqualTo(LocalDate.of(2027, 1, 1));
    }

    @Test
    void leavesTemporaryAssistanceAlone() {
        ResidenceChangeDecision d = rules.decide(change("440106001", AssistanceType.TEMPORARY, "440106002",
                LocalDate.of(2020, 1, 1)), LocalDate.of(2026, 9, 1));
        assertThat(d.action()).isEqualTo(Action.NOT_APPLICABLE);
        assertThat(d.recheckOn()).isNull();
    }

    @Test
    void sendsUncoveredCasesToAPerson() {
        assertThat(rules.decide(change("440106001", AssistanceType.DIBAO, "610113002", LocalDate.of(2026, 1, 1)),
                LocalDate.of(2026, 9, 1)).reason()).contains("人工决定", "a person decides");
        assertThat(rules.decide(change("999999", AssistanceType.DIBAO, "610113002", LocalDate.of(2026, 1, 1)),
                LocalDate.of(2026, 9, 1)).action()).isEqualTo(Action.REVIEW);
        assertThat(rules.decide(change("440106001", AssistanceType.DIBAO, "x", LocalDate.of(2026, 1, 1)),
                LocalDate.of(2026, 9, 1)).action()).isEqualTo(Action.REVIEW);
        assertThat(rules.decide(change("440106001", AssistanceType.DIBAO, "440106002", null),
                LocalDate.of(2026, 9, 1)).action()).isEqualTo(Action.REVIEW);
        assertThat(rules.decide(change("440106001", null, "440106002", LocalDate.of(2026, 1, 1)),
                LocalDate.of(2026, 9, 1)).action()).isEqualTo(Action.REVIEW);
        assertThat(rules.decide(new ResidenceChange("c", LocalDate.of(2026, 4, 10), "610113001", null,
                AssistanceType.DIBAO, "440106002", LocalDate.of(2026, 1, 1)), LocalDate.of(2026, 9, 1)).action())
                .isEqualTo(Action.REVIEW);
    }

    @Test
    void reviewsAMoveKnownOnlyAsTheCityOrProvinceOfTheCounty() {
        for (String place : new String[] {"6101", "61"}) {
            ResidenceChangeDecision d = rules.decide(change("440106001", AssistanceType.DIBAO, place,
                    LocalDate.of(2026, 1, 1)), LocalDate.of(2026, 9, 1));
            assertThat(d.action()).isEqualTo(Action.REVIEW);
            assertThat(d.reason()).contains("镇（街道）代码");
        }
    }

    @Test
    void treatsMunicipalDistrictsAsCounties() {
        ResidenceChange beijing = new ResidenceChange("c", LocalDate.of(2026, 4, 10), "110101001",
                new Recipient("610104199001011234", "李四", "610104003"), AssistanceType.DIBAO, "110102001",
                LocalDate.of(2026, 1, 1));
        assertThat(rules.decide(beijing, LocalDate.of(2026, 9, 1)).action()).isEqualTo(Action.SUSPEND_PAYMENT);
    }
}
