package org.assistx.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.assistx.gateway.GatewayException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdNumberTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 9, 15);

    @ParameterizedTest
    @ValueSource(strings = {"610104199001011234", "11010519491001012X", "440106198506150025",
            "510104199202290045", "610113200001010065"})
    void acceptsValidNumbers(String id) {
        assertThat(IdNumber.problem(id, TODAY)).isEmpty();
        assertThat(IdNumber.isValid(id, TODAY)).isTrue();
    }

    @Test
    void computesTheCheckCharacterIncludingX() {
        assertThat(IdNumber.checkCharacter("61010419900101123")).isEqualTo('4');
        assertThat(IdNumber.checkCharacter("11010519491001012")).isEqualTo('X');
        assertThat(IdNumber.checkCharacter("61010419900101001")).isEqualTo('2');
    }

    @Test
    void refusesToComputeACheckCharacterForBadInput() {
        assertThatThrownBy(() -> IdNumber.checkCharacter("6101041990010112"))
                .isInstanceOf(GatewayException.class).extracting("code").isEqualTo("INVALID_ID_NUMBER");
        assertThatThrownBy(() -> IdNumber.checkCharacter("6101041990010112A"))
                .isInstanceOf(GatewayException.class);
    }

    @Test
    void acceptsALowerCaseXAndNormalisesIt() {
        assertThat(IdNumber.isValid("11010519491001012x", TODAY)).isTrue();
        assertThat(IdNumber.normalize("11010519491001012x")).isEqualTo("11010519491001012X");
        assertThat(IdNumber.normalize("610104199001011234")).isEqualTo("610104199001011234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"610104199001011235", "610104199001011230", "110105194910010120",
            "11010519491001012Y"})
    void refusesAWrongCheckCharacter(String id) {
        assertThat(IdNumber.problem(id, TODAY)).isPresent();
    }

    @Test
    void saysTheCheckCharacterIsWrongWithoutGivingTheRightOne() {
        assertThat(IdNumber.problem("610104199001011235", TODAY)).get().asString()
                .contains("校验位", "check character").doesNotContain("610104199001011235");
    }

    @ParameterizedTest
    @CsvSource({
            "610104199002301238, not a real date", // 30 February
            "610104199013011234, not a real date", // month 13
            "610104199000011234, not a real date", // month 0
            "610104190002291234, not a real date", // 1900 was not a leap year
            "610104189912311234, impossible",      // before 1900
            "610104202609161234, impossible"})     // tomorrow
    void refusesImpossibleBirthDates(String first17AndAny, String words) {
        String id = first17AndAny.substring(0, 17) + IdNumber.checkCharacter(first17AndAny.substring(0, 17));
        assertThat(IdNumber.problem(id, TODAY)).get().asString().contains("出生日期", words);
    }

    @Test
    void acceptsABirthOnALeapDayAndToday() {
        String leap = "61010420000229123";
        assertThat(IdNumber.isValid(leap + IdNumber.checkCharacter(leap), TODAY)).isTrue();
        String today = "61010420260915123";
        assertThat(IdNumber.isValid(today + IdNumber.checkCharacter(today), TODAY)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"61010419900101123, 17", "6101041990010112345, 19", "610104900101123, 15", "'', 0"})
    void refusesAWrongLength(String id, int length) {
        assertThat(IdNumber.problem(id, TODAY)).get().asString()
                .contains(length == 0 ? "为空" : "收到" + length + "位");
    }

    @Test
    void explainsOldFifteenDigitNumbers() {
        assertThat(IdNumber.problem("610104900101123", TODAY)).get().asString().contains("15位", "18-character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"61010419900101123A", "6101041990O1011234", "61010419900101123 ", "６１０１０４１９９００１０１１２３４"})
    void refusesOtherCharacters(String id) {
        assertThat(IdNumber.problem(id, TODAY)).isPresent();
    }

    @Test
    void refusesNull() {
        assertThat(IdNumber.problem(null, TODAY)).isPresent();
    }

    @Test
    void masksForLogs() {
        assertThat(IdNumber.mask("11010519491001012X")).isEqualTo("110105********012X");
        assertThat(IdNumber.mask("123")).isEqualTo("******");
        assertThat(IdNumber.mask(null)).isEqualTo("******");
    }
}
