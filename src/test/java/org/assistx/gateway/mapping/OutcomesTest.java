package org.assistx.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomesTest {

    private static AssistanceRecord withStatus(String status) {
        return withStatus(status, "610104198503150029");
    }

    private static AssistanceRecord withStatus(String status, String id) {
        return new AssistanceRecord(id, "李四", "610104003", "DIBAO", "URBAN_DIBAO", status, null, null, null,
                "XA-COUNTY-MZ", null);
    }

    @Test
    void an_answer_without_records_is_not_receiving() {
        assertThat(Outcomes.decide(List.of())).isEqualTo(Outcome.NOT_RECEIVING);
    }

    @ParameterizedTest
    @CsvSource({"APPLIED, RECEIVING", "ACTIVE, RECEIVING", "SUSPENDED, NOT_RECEIVING", "TERMINATED, NOT_RECEIVING"})
    void one_record(String status, Outcome expected) {
        assertThat(Outcomes.decide(List.of(withStatus(status)))).isEqualTo(expected);
    }

    @Test
    void any_applied_or_active_record_among_others_is_receiving() {
        assertThat(Outcomes.decide(List.of(withStatus("TERMINATED"), withStatus("SUSPENDED"), withStatus("APPLIED"))))
                .isEqualTo(Outcome.RECEIVING);
        assertThat(Outcomes.decide(List.of(withStatus("TERMINATED"), withStatus("SUSPENDED"))))
                .isEqualTo(Outcome.NOT_RECEIVING);
    }

    @Test
    void undetermined_is_never_decided_from_records() {
        assertThatThrownBy(() -> Outcomes.decide(null)).isInstanceOf(NullPointerException.class);
        for (String s : List.of("APPLIED", "ACTIVE", "SUSPENDED", "TERMINATED")) {
            assertThat(Outcomes.decide(List.of(withStatus(s)))).isNotEqualTo(Outcome.UNDETERMINED);
        }
    }

    @Test
    void only_the_persons_own_records_count_when_asked() {
        List<AssistanceRecord> household = List.of(withStatus("ACTIVE", "61010419850315002X"),
                withStatus("TERMINATED", "610104201002020011"));
        assertThat(Outcomes.decide(household, "610104201002020011")).isEqualTo(Outcome.NOT_RECEIVING);
        assertThat(Outcomes.decide(household, "61010419850315002x")).isEqualTo(Outcome.RECEIVING);
    }
}
