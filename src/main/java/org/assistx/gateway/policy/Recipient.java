package org.assistx.gateway.policy;

/**
 * A person receiving assistance and managed by a township (rule R9).
 *
 * @param idNumber      18-character resident ID number
 * @param name          name as on the ID card
 * @param hukouDivision 9-digit township or 6-digit county of the hukou
 */
public record Recipient(String idNumber, String name, String hukouDivision) {
}
