package org.assistx.gateway.policy;

import java.time.DateTimeException;
import java.time.LocalDate;

/** Resident identity numbers (GB 11643): 17 digits, a check character, a real birth date. */
public final class IdNumbers {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumbers() {
    }

    /** The check character for the first 17 digits. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** Why the number is invalid, or null when it is valid on {@code today}. */
    public static String problem(String id, LocalDate today) {
        if (id == null || id.length() != 18) {
            return "身份证号码应为18位。 / An ID number has 18 characters.";
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i)) || id.charAt(i) > '9') {
                return "身份证号码前17位应为数字。 / The first 17 characters of an ID number are digits.";
            }
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                    Integer.parseInt(id.substring(12, 14)));
        } catch (DateTimeException e) {
            return "身份证号码中的出生日期不存在。 / The birth date in the ID number does not exist.";
        }
        if (birth.isAfter(today) || birth.getYear() < 1880) {
            return "身份证号码中的出生日期不可能。 / The birth date in the ID number is impossible.";
        }
        if (Character.toUpperCase(id.charAt(17)) != checkCharacter(id)) {
            return "身份证号码校验位不正确，请核对号码。 / The check digit of the ID number is wrong; please check the number.";
        }
        return null;
    }
}
