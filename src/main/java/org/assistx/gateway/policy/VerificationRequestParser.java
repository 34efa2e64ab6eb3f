package org.assistx.gateway.policy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.assistx.gateway.division.DivisionRegistry;

/**
 * Turns the JSON body of {@code POST /api/v1/verifications} (and {@code /policy/evaluate}, the JMS and
 * SOAP equivalents) into a {@link VerificationRequest}, or into the list of everything wrong with it.
 *
 * <p>What it checks, field by field (all problems are collected, none stops the others):
 * <ul>
 *   <li>no unknown fields, at any level ({@code INVALID_FIELD});</li>
 *   <li>types are strict: a number where a string is expected, {@code "true"} for a boolean, are
 *       refused; enum values are spelt exactly; dates are real days written {@code yyyy-MM-dd};</li>
 *   <li>{@code requestId} 1–64 characters of {@code [A-Za-z0-9._:-]}; names 1–50 characters without
 *       control characters; {@code callbackUrl} an absolute http(s) URL;</li>
 *   <li>ID number per GB 11643 ({@code INVALID_ID_NUMBER});</li>
 *   <li>division codes must be in the shipped list and of the right level ({@code UNKNOWN_DIVISION}):
 *       residence and emergency township 9 digits (12 cut to 9), hukou a township or a county,
 *       proof issuer a 6-digit county.</li>
 * </ul>
 * Relations between fields (dates in order, the effective date, emergency rules) are the
 * {@link PolicyEngine}'s job. {@code residenceSince} is required unless {@code emergency} is given;
 * {@code declarationOfNonReceipt} defaults to {@code false}; an emergency without {@code township} is
 * taken to have happened in {@code residenceTownship}. For an emergency the hukou place and nature are
 * optional, and the hukou place may be at any level or missing from the list (R4, "取消户籍地、居住地申请限制");
 * {@code hukouNature} is optional for every {@code TEMPORARY} request (it changes nothing there).
 * {@code OTHER_STRANDED} needs {@code description} (the reason), {@code COUNTY_DEFINED} needs
 * {@code countyKind}, and only it may carry one; {@code proofOfNonReceipt.validUntil} is optional.
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class VerificationRequestParser {

    private static final Set<String> TOP = Set.of("requestId", "appliedOn", "residenceTownship", "applicant",
            "residenceSince", "assistanceType", "declarationOfNonReceipt", "emergency", "proofOfNonReceipt",
            "callbackUrl");
    private static final Set<String> APPLICANT = Set.of("idNumber", "name", "hukouDivision", "hukouNature");
    private static final Set<String> EMERGENCY = Set.of("kind", "occurredOn", "township", "description",
            "countyKind");
    private static final Set<String> PROOF = Set.of("documentNumber", "issuerDivision", "issuedOn", "validUntil",
            "signedDocument");

    /**
     * Outcome of {@link #parse}: either a request ({@link #ok()}, no errors) or the complete list of what is
     * wrong with the body ({@link #request()} is then {@code null}).
     */
    public record ParseResult(VerificationRequest request, List<PolicyError> errors) {

        public ParseResult {
            errors = List.copyOf(errors);
            if ((request == null) == errors.isEmpty()) {
                throw new IllegalArgumentException("a parse result holds either a request or errors");
            }
        }

        public static ParseResult success(VerificationRequest request) {
            return new ParseResult(Objects.requireNonNull(request, "request"), List.of());
        }

        public static ParseResult failure(List<PolicyError> errors) {
            return new ParseResult(null, errors);
        }

        /** Whether the body was a valid request. */
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    static final int MAX_DESCRIPTION = 500;
    static final int MAX_DOCUMENT_NUMBER = 64;
    static final int MAX_COUNTY_KIND = 50;

    private final DivisionRegistry registry;
    private final Clock clock;

    public VerificationRequestParser(DivisionRegistry registry) {
        this(registry, Dates.DEFAULT_CLOCK);
    }

    /** @param clock gives "today" for the birth date check of ID numbers */
    public VerificationRequestParser(DivisionRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ParseResult parse(JsonNode body) {
        JsonFields f = new JsonFields(registry, LocalDate.now(clock));
        if (!f.isObject(body)) {
            return ParseResult.failure(f.errors());
        }
        f.onlyKnown(body, "", TOP);
        String requestId = f.requestId(body, "", "requestId");
        LocalDate appliedOn = f.date(body, "", "appliedOn", true);
        String residenceTownship = f.township(body, "", "residenceTownship", true);
        boolean emergencyGiven = JsonFields.value(body, "emergency") != null;
        AssistanceType type = f.enumValue(body, "", "assistanceType", AssistanceType.class, true);
        Applicant applicant = applicant(f, body, emergencyGiven, type == AssistanceType.TEMPORARY);
        LocalDate residenceSince = f.date(body, "", "residenceSince", !emergencyGiven);
        Boolean declaration = f.bool(body, "", "declarationOfNonReceipt", false);
        Emergency emergency = emergency(f, body, residenceTownship);
        ProofOfNonReceipt proof = proof(f, body);
        String callbackUrl = f.httpUrl(body, "", "callbackUrl");
        if (!f.errors().isEmpty()) {
            return ParseResult.failure(f.errors());
        }
        return ParseResult.success(new VerificationRequest(requestId, appliedOn, residenceTownship, applicant,
                residenceSince, type, Boolean.TRUE.equals(declaration), emergency, proof, callbackUrl));
    }

    private static Applicant applicant(JsonFields f, JsonNode body, boolean emergency, boolean temporary) {
        JsonNode a = f.object(body, "", "applicant", true);
        if (a == null) {
            return null;
        }
        String p = "applicant";
        f.onlyKnown(a, p, APPLICANT);
        return new Applicant(f.idNumber(a, p, "idNumber"), f.personName(a, p, "name"),
                emergency ? f.emergencyHukou(a, p, "hukouDivision") : f.hukouDivision(a, p, "hukouDivision"),
                f.enumValue(a, p, "hukouNature", HukouNature.class, !emergency && !temporary));
    }

    private static Emergency emergency(JsonFields f, JsonNode body, String residenceTownship) {
        JsonNode e = f.object(body, "", "emergency", false);
        if (e == null) {
            return null;
        }
        String p = "emergency";
        f.onlyKnown(e, p, EMERGENCY);
        EmergencyKind kind = f.enumValue(e, p, "kind", EmergencyKind.class, true);
        LocalDate occurredOn = f.date(e, p, "occurredOn", true);
        String township = JsonFields.value(e, "township") == null ? residenceTownship
                : f.township(e, p, "township", false);
        String description = f.freeText(e, p, "description", kind == EmergencyKind.OTHER_STRANDED,
                MAX_DESCRIPTION, true);
        String countyKind = null;
        if (kind == EmergencyKind.COUNTY_DEFINED) {
            countyKind = f.freeText(e, p, "countyKind", true, MAX_COUNTY_KIND, false);
        } else if (JsonFields.value(e, "countyKind") != null) {
            f.add(ErrorCode.INVALID_FIELD, "emergency.countyKind",
                    "只有县级规定的其他急难事件（COUNTY_DEFINED）才填写县级规定的急难事件名称（countyKind）。",
                    "emergency.countyKind is given only with kind COUNTY_DEFINED.");
        }
        return new Emergency(kind, occurredOn, township, description, countyKind);
    }

    private static ProofOfNonReceipt proof(JsonFields f, JsonNode body) {
        JsonNode pr = f.object(body, "", "proofOfNonReceipt", false);
        if (pr == null) {
            return null;
        }
        String p = "proofOfNonReceipt";
        f.onlyKnown(pr, p, PROOF);
        return new ProofOfNonReceipt(f.freeText(pr, p, "documentNumber", true, MAX_DOCUMENT_NUMBER, false),
                f.county(pr, p, "issuerDivision", true), f.date(pr, p, "issuedOn", true),
                f.date(pr, p, "validUntil", false), f.base64(pr, p, "signedDocument"));
    }
}
