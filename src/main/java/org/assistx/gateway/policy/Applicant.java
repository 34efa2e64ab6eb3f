package org.assistx.gateway.policy;

/**
 * The person applying.
 *
 * @param idNumber      18-character resident ID number (GB 11643), check character {@code X} upper case
 * @param name          name as on the ID card
 * @param hukouDivision 9-digit township or 6-digit county of the hukou (a 12-digit code is cut to 9)
 * @param hukouNature   urban or rural hukou (rule R3)
 */
public record Applicant(String idNumber, String name, String hukouDivision, HukouNature hukouNature) {
}
