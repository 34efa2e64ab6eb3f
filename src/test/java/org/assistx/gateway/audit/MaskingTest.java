package org.assistx.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Masking of ID numbers, names and free-text details. */
class MaskingTest {

    @Test
    void idNumbersAndNames() {
        assertThat(Masking.idNumber("610113199001010049")).isEqualTo("610113********0049");
        assertThat(Masking.name("张三丰")).isEqualTo("张**");
    }

    @Test
    void freeTextMasksIdNumbersAndQuotedNamesAndCannotSplitALogLine() {
        String detail = "mapping of answer, field 'personName', value '张三': not allowed; sfzh=61010419900101123X "
                + "and \"李四\" in 610104199001011234\nFORGED 2026-09-01 INFO admin logged in\r\n";
        String masked = Masking.freeText(detail);
        assertThat(masked).doesNotContain("张三", "李四", "610104199001011234", "61010419900101123X", "\n", "\r")
                .contains("'张*'", "\"李*\"", "610104********1234", "610104********123X", "field 'personName'",
                        " FORGED");
        assertThat(Masking.freeText("本机构只能为本镇（街道）的居民提出申请。")).isEqualTo("本机构只能为本镇（街道）的居民提出申请。");
        assertThat(Masking.freeText("x".repeat(2000))).hasSize(501).endsWith("…");
        assertThat(Masking.freeText(null)).isNull();
    }
}
