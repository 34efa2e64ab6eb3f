package org.assistx.gateway.policy;

/** The applicant; {@code hukouDivision} is a 9-digit township or 6-digit county code. */
public record Applicant(String idNumber, String name, String hukouDivision, HukouNature hukouNature) {
}
