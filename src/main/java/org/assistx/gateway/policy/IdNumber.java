package org.assistx.gateway.policy;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * The 18-character resident ID number of GB 11643: 6 digits of the place of first issue, 8 of the birth
 * date, 3 of a sequence number and a check character computed with ISO 7064 MOD 11-2.
 *
 * <p>The first six digits are where the number was first issued, not the current hukou: they are never
 * checked against the division list and never used for routing.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final int EARLIEST_BIRTH_YEAR = 1900;

    private IdNumber() {
    }

    /**
     * The check character for the first 17 digits.
     *
     * @throws GatewayException with code {@code INVALID_ID_NUMBER} when the input is not 17 digits
     */
    public static char checkCharacter(CharSequence first17) {
        if (first17 == null || first17.length() != 17 || !allDigits(first17, 17)) {
            throw new GatewayException(Code.INVALID_ID_NUMBER, "need exactly 17 digits to compute a check character");
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    /** The number with a lower-case check character {@code x} written upper case. */
    public static String normalize(String idNumber) {
        if (idNumber != null && idNumber.length() == 18 && idNumber.charAt(17) == 'x') {
            return idNumber.substring(0, 17) + 'X';
        }
        return idNumber;
    }

    /** Whether the number is valid on {@code today} (see {@link #problem}). */
    public static boolean isValid(String idNumber, LocalDate today) {
        return problem(idNumber, today).isEmpty();
    }

    /**
     * What is wrong with an ID number, in Chinese and English; empty when it is valid: 18 characters,
     * 17 digits and a digit or {@code X} (or {@code x}), a real birth date from 1900 up to {@code today},
     * and the right check character. The number itself is not repeated in the message.
     */
    public static Optional<String> problem(String idNumber, LocalDate today) {
        if (idNumber == null || idNumber.isEmpty()) {
            return reason("身份证号码为空。", "The ID number is empty.");
        }
        int length = idNumber.codePointCount(0, idNumber.length());
        if (length != 18) {
            String zh = "身份证号码应为18位，收到" + length + "位。";
            String en = "An ID number has 18 characters; this one has " + length + ".";
            if (length == 15) {
                zh += "15位的旧号码请换用18位号码。";
                en += " Old 15-digit numbers must be given in their 18-character form.";
            }
            return reason(zh, en);
        }
        char last = idNumber.charAt(17);
        if (!allDigits(idNumber, 17) || !(isDigit(last) || last == 'X' || last == 'x')) {
            return reason("身份证号码前17位应为数字，最后一位为数字或X。",
                    "The first 17 characters of an ID number are digits and the last is a digit or X.");
        }
        LocalDate birth;
        try {
            birth = birthDate(idNumber);
        } catch (DateTimeException e) {
            return reason("身份证号码中的出生日期（第7–14位）不是有效日期。",
                    "The birth date in the ID number (characters 7–14) is not a real date.");
        }
        if (birth.getYear() < EARLIEST_BIRTH_YEAR || (today != null && birth.isAfter(today))) {
            return reason("身份证号码中的出生日期（第7–14位）不可能：早于1900年或晚于今天。",
                    "The birth date in the ID number (characters 7–14) is impossible: before 1900 or after today.");
        }
        if (checkCharacter(idNumber.subSequence(0, 17)) != Character.toUpperCase(last)) {
            return reason("身份证号码校验位不符，号码可能抄错了，请对照身份证核对。",
                    "The check character of the ID number does not match; the number was probably "
                            + "mistyped, please compare it with the ID card.");
        }
        return Optional.empty();
    }

    /**
     * The birth date written in characters 7–14.
     *
     * @throws DateTimeException when they are not a real date
     */
    public static LocalDate birthDate(String idNumber) {
        int year = Integer.parseInt(idNumber.substring(6, 10));
        int month = Integer.parseInt(idNumber.substring(10, 12));
        int day = Integer.parseInt(idNumber.substring(12, 14));
        return LocalDate.of(year, month, day);
    }

    /**
     * The number with the birth date and sequence hidden, for logs and messages: the first 6 and the last
     * 4 characters stay ({@code 610104********123X}). Anything that is not 18 characters long is hidden
     * entirely.
     */
    public static String mask(String idNumber) {
        if (idNumber == null || idNumber.length() != 18) {
            return "******";
        }
        return idNumber.substring(0, 6) + "********" + idNumber.substring(14);
    }

    private static Optional<String> reason(String chinese, String english) {
        return Optional.of(chinese + PolicyError.SEPARATOR + english);
    }

    private static boolean allDigits(CharSequence s, int n) {
        for (int i = 0; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
