package org.assistx.gateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.assistx.gateway.division.DivisionRegistry;

/**
 * Turns a request body into a typed {@link VerificationRequest}, collecting every field error at once
 * (strict types, no unknown fields, strict ISO dates, ID check digit, known division codes).
 */
public final class VerificationRequestParser {

    /** Either a request or the errors that stop it. */
    public record ParseResult(VerificationRequest request, List<PolicyError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Set<String> TOP = Set.of("requestId", "appliedOn", "residenceTownship", "applicant",
            "residenceSince", "assistanceType", "declarationOfNonReceipt", "emergency", "proofOfNonReceipt",
            "callbackUrl");
    private static final Set<String> APPLICANT = Set.of("idNumber", "name", "hukouDivision", "hukouNature");
    private static final Set<String> EMERGENCY = Set.of("kind", "occurredOn", "township", "description");
    private static final Set<String> PROOF = Set.of("documentNumber", "issuerDivision", "issuedOn", "validUntil",
            "signedDocument");

    private final DivisionRegistry divisions;
    private final Clock clock;

    public VerificationRequestParser(DivisionRegistry divisions, Clock clock) {
        this.divisions = divisions;
        this.clock = clock;
    }

    public ParseResult parse(JsonNode body) {
        Fields f = new Fields(body, "", new ArrayList<>());
        f.onlyKnown(TOP);
        String requestId = f.text("requestId", true, 64);
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            f.error(ErrorCode.INVALID_FIELD, "requestId", "申请编号只能包含字母、数字和 . _ : -，最长64位。",
                    "requestId may hold letters, digits and . _ : - only, at most 64 characters.");
        }
        LocalDate appliedOn = f.date("appliedOn", true);
        String residence = f.township("residenceTownship", true);
        LocalDate since = f.date("residenceSince", false);
        AssistanceType type = f.enumValue("assistanceType", AssistanceType.class, true);
        Boolean declaration = f.bool("declarationOfNonReceipt");

        Applicant applicant = null;
        Fields a = f.object("applicant", true);
        if (a != null) {
            a.onlyKnown(APPLICANT);
            String id = a.text("idNumber", true, 18);
            if (id != null) {
                String problem = IdNumbers.problem(id, LocalDate.now(clock));
                if (problem != null) {
                    a.errors.add(new PolicyError(ErrorCode.INVALID_ID_NUMBER, "applicant.idNumber", problem));
                    id = null;
                } else {
                    id = id.toUpperCase();
                }
            }
            String name = a.name("name", true);
            String hukou = a.hukouDivision("hukouDivision");
            HukouNature nature = a.enumValue("hukouNature", HukouNature.class, true);
            applicant = new Applicant(id, name, hukou, nature);
        }

        Emergency emergency = null;
        Fields e = f.object("emergency", false);
        if (e != null) {
            e.onlyKnown(EMERGENCY);
            emergency = new Emergency(e.enumValue("kind", EmergencyKind.class, true), e.date("occurredOn", true),
                    e.township("township", true), e.name("description", false, 500));
        }

        ProofOfNonReceipt proof = null;
        Fields p = f.object("proofOfNonReceipt", false);
        if (p != null) {
            p.onlyKnown(PROOF);
            proof = new ProofOfNonReceipt(p.text("documentNumber", true, 64), p.county("issuerDivision"),
                    p.date("issuedOn", true), p.date("validUntil", true), p.text("signedDocument", false, 32_768));
        }

        String callback = f.text("callbackUrl", false, 2048);
        if (callback != null && !isHttpUrl(callback)) {
            f.error(ErrorCode.INVALID_FIELD, "callbackUrl", "回调地址必须是 http 或 https 网址。",
                    "callbackUrl must be an http or https URL.");
        }
        if (emergency == null && since == null && !f.present("residenceSince")) {
            f.error(ErrorCode.INVALID_FIELD, "residenceSince", "请填写在本地居住的起始日期。",
                    "residenceSince (the date the applicant started living here) is required.");
        }
        if (!f.errors.isEmpty()) {
            return new ParseResult(null, List.copyOf(f.errors));
        }
        return new ParseResult(new VerificationRequest(requestId, appliedOn, residence, applicant, since, type,
                declaration != null && declaration, emergency, proof, callback), List.of());
    }

    private static boolean isHttpUrl(String s) {
        try {
            URI u = new URI(s);
            return ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Typed reads of one JSON object's fields, each problem recorded with its path. */
    private final class Fields {
        final JsonNode node;
        final String prefix;
        final List<PolicyError> errors;

        Fields(JsonNode node, String prefix, List<PolicyError> errors) {
            this.node = node;
            this.prefix = prefix;
            this.errors = errors;
        }

        void error(ErrorCode code, String field, String chinese, String english) {
            errors.add(PolicyError.of(code, field, chinese, english));
        }

        boolean present(String field) {
            JsonNode v = node.get(field);
            return v != null && !v.isNull();
        }

        void onlyKnown(Set<String> known) {
            node.fieldNames().forEachRemaining(n -> {
                if (!known.contains(n)) {
                    error(ErrorCode.INVALID_FIELD, prefix + n, "不认识的字段“" + n + "”。",
                            "Unknown field '" + n + "'.");
                }
            });
        }

        JsonNode value(String field, boolean required) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                if (required) {
                    error(ErrorCode.INVALID_FIELD, prefix + field, "缺少必填字段“" + prefix + field + "”。",
                            "The field '" + prefix + field + "' is required.");
                }
                return null;
            }
            return v;
        }

        String text(String field, boolean required, int max) {
            JsonNode v = value(field, required);
            if (v == null) {
                return null;
            }
            if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > max) {
                error(ErrorCode.INVALID_FIELD, prefix + field, "字段“" + prefix + field + "”应为不超过" + max + "个字符的文字。",
                        "'" + prefix + field + "' must be a non-empty string of at most " + max + " characters.");
                return null;
            }
            return v.asText();
        }

        String name(String field, boolean required) {
            return name(field, required, 50);
        }

        String name(String field, boolean required, int max) {
            String s = text(field, required, max);
            if (s != null && s.chars().anyMatch(Character::isISOControl)) {
                error(ErrorCode.INVALID_FIELD, prefix + field, "字段“" + prefix + field + "”含有控制字符。",
                        "'" + prefix + field + "' contains control characters.");
                return null;
            }
            return s;
        }

        Boolean bool(String field) {
            JsonNode v = value(field, false);
            if (v == null) {
                return null;
            }
            if (!v.isBoolean()) {
                error(ErrorCode.INVALID_FIELD, prefix + field, "字段“" + prefix + field + "”应为 true 或 false。",
                        "'" + prefix + field + "' must be true or false.");
                return null;
            }
            return v.booleanValue();
        }

        LocalDate date(String field, boolean required) {
            String s = text(field, required, 10);
            if (s == null) {
                return null;
            }
            try {
                return LocalDate.parse(s, ISO_DATE);
            } catch (DateTimeParseException e) {
                error(ErrorCode.INVALID_FIELD, prefix + field, "“" + prefix + field + "”不是有效日期（格式 年-月-日，如 2026-09-01）。",
                        "'" + prefix + field + "' is not a valid date (yyyy-MM-dd, e.g. 2026-09-01).");
                return null;
            }
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type, boolean required) {
            String s = text(field, required, 40);
            if (s == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                String allowed = Arrays.toString(type.getEnumConstants());
                error(ErrorCode.INVALID_FIELD, prefix + field, "“" + prefix + field + "”的取值“" + s + "”无效，可选：" + allowed + "。",
                        "'" + s + "' is not allowed for '" + prefix + field + "'; allowed: " + allowed + ".");
                return null;
            }
        }

        Fields object(String field, boolean required) {
            JsonNode v = value(field, required);
            if (v == null) {
                return null;
            }
            if (!v.isObject()) {
                error(ErrorCode.INVALID_FIELD, prefix + field, "字段“" + prefix + field + "”应为对象。",
                        "'" + prefix + field + "' must be an object.");
                return null;
            }
            return new Fields(v, prefix + field + ".", errors);
        }

        String township(String field, boolean required) {
            String s = text(field, required, 12);
            if (s == null) {
                return null;
            }
            if (!s.matches("\\d{9}|\\d{12}") || !divisions.isTownship(s)) {
                unknown(field, s, "镇（街道）");
                return null;
            }
            return DivisionRegistry.normalise(s);
        }

        String county(String field) {
            String s = text(field, true, 6);
            if (s == null) {
                return null;
            }
            if (!s.matches("\\d{6}") || !divisions.isCounty(s)) {
                unknown(field, s, "县（市、区）");
                return null;
            }
            return s;
        }

        String hukouDivision(String field) {
            String s = text(field, true, 12);
            if (s == null) {
                return null;
            }
            boolean ok = (s.matches("\\d{9}|\\d{12}") && divisions.isTownship(s))
                    || (s.matches("\\d{6}") && divisions.isCounty(s));
            if (!ok) {
                unknown(field, s, "镇（街道）或县（市、区）");
                return null;
            }
            return DivisionRegistry.normalise(s);
        }

        private void unknown(String field, String value, String level) {
            error(ErrorCode.UNKNOWN_DIVISION, prefix + field, "区划代码“" + value + "”不是已知的" + level + "代码。",
                    "'" + value + "' is not a known division code for '" + prefix + field + "'.");
        }
    }
}
