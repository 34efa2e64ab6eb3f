package org.assistx.gateway.mapping;

/**
 * A sum of money in the canonical format: {@code value} a plain decimal string with exactly two places
 * ({@code "550.00"}), {@code currency} always {@code "CNY"}, {@code period} {@code MONTH} (paid every
 * month) or {@code ONCE} (a one-off payment).
 */
public record Amount(String value, String currency, String period) {

    public static final String CNY = "CNY";
    public static final String MONTH = "MONTH";
    public static final String ONCE = "ONCE";
}
