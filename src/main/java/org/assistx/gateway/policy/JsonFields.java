package org.assistx.gateway.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.assistx.gateway.division.Division;
import org.assistx.gateway.division.Division.Level;
import org.assistx.gateway.division.DivisionRegistry;

/**
 * Reads the fields of a JSON body one by one and collects every problem, so that a township learns all
 * of them in one answer. Each reader returns {@code null} when the field is absent or wrong.
 */
final class JsonFields {

    static final String ROOT = "$";

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final int MAX_NAME = 50;
    private static final int MAX_URL = 2048;
    private static final int SHOWN = 40;

    /** Chinese names of the fields, as a clerk knows them from the forms. */
    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("requestId", "申请编号"),
            Map.entry("appliedOn", "申请日期"),
            Map.entry("residenceTownship", "居住地镇（街道）代码"),
            Map.entry("applicant", "申请人"),
            Map.entry("applicant.idNumber", "申请人身份证号码"),
            Map.entry("applicant.name", "申请人姓名"),
            Map.entry("applicant.hukouDivision", "户籍地区划代码"),
            Map.entry("applicant.hukouNature", "户籍性质"),
            Map.entry("residenceSince", "在居住地居住起始日期"),
            Map.entry("assistanceType", "救助类型"),
            Map.entry("declarationOfNonReceipt", "未在户籍地享受救助的申明"),
            Map.entry("emergency", "急难事件"),
            Map.entry("emergency.kind", "急难事件类型"),
            Map.entry("emergency.occurredOn", "急难发生日期"),
            Map.entry("emergency.township", "急难发生地镇（街道）代码"),
            Map.entry("emergency.description", "急难情况说明"),
            Map.entry("emergency.countyKind", "县级规定的急难事件名称"),
            Map.entry("proofOfNonReceipt", "未享受社会救助证明"),
            Map.entry("proofOfNonReceipt.documentNumber", "证明文号"),
            Map.entry("proofOfNonReceipt.issuerDivision", "出具证明的县级区划代码"),
            Map.entry("proofOfNonReceipt.issuedOn", "证明出具日期"),
            Map.entry("proofOfNonReceipt.validUntil", "证明有效期截止日期"),
            Map.entry("proofOfNonReceipt.signedDocument", "电子证明文件"),
            Map.entry("callbackUrl", "回调地址"),
            Map.entry("reportedOn", "报告日期"),
            Map.entry("managingTownship", "管理地镇（街道）代码"),
            Map.entry("recipient", "救助对象"),
            Map.entry("recipient.idNumber", "救助对象身份证号码"),
            Map.entry("recipient.name", "救助对象姓名"),
            Map.entry("recipient.hukouDivision", "户籍地区划代码"),
            Map.entry("newResidenceDivision", "新居住地区划代码"),
            Map.entry("movedOn", "迁居日期"));

    private final List<PolicyError> errors = new ArrayList<>();
    private final DivisionRegistry registry;
    private final LocalDate today;

    JsonFields(DivisionRegistry registry, LocalDate today) {
        this.registry = registry;
        this.today = today;
    }

    List<PolicyError> errors() {
        return errors;
    }

    void add(ErrorCode code, String field, String chinese, String english) {
        errors.add(PolicyError.of(code, field, chinese, english));
    }

    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /** {@code 申请日期（appliedOn）}: how a field is named in the Chinese half of a message. */
    static String label(String path) {
        String zh = LABELS.get(path);
        return zh == null ? path : zh + "（" + path + "）";
    }

    /** A received value as shown in a message: at most 40 characters, control characters replaced. */
    static String shown(String value) {
        StringBuilder sb = new StringBuilder("\"");
        int[] cps = value.codePoints().limit(SHOWN).toArray();
        for (int cp : cps) {
            sb.appendCodePoint(Character.isISOControl(cp) ? '?' : cp);
        }
        if (value.codePointCount(0, value.length()) > SHOWN) {
            sb.append('…');
        }
        return sb.append('"').toString();
    }

    // ------------------------------------------------------------------------------------- structure

    /** Whether {@code body} is a JSON object; if not, records the error for the whole body. */
    boolean isObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            add(ErrorCode.INVALID_FIELD, ROOT, "请求内容应为一个 JSON 对象。", "The request body must be a JSON object.");
            return false;
        }
        return true;
    }

    /** Records every member of {@code object} whose name is not in {@code known}. */
    void onlyKnown(JsonNode object, String parent, Set<String> known) {
        Iterator<String> names = object.fieldNames();
        List<String> sortedKnown = known.stream().sorted().collect(Collectors.toList());
        while (names.hasNext()) {
            String name = names.next();
            if (!known.contains(name)) {
                String field = path(parent, name);
                add(ErrorCode.INVALID_FIELD, field,
                        "无法识别的字段 " + shown(name) + "，请检查拼写；可用字段：" + String.join("、", sortedKnown) + "。",
                        "Unknown field " + shown(name) + "; check the spelling. Known fields: "
                                + String.join(", ", sortedKnown) + ".");
            }
        }
    }

    /** The member's value, {@code null} when it is absent or JSON {@code null}. */
    static JsonNode value(JsonNode object, String name) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? null : v;
    }

    private JsonNode present(JsonNode object, String parent, String name, boolean required) {
        JsonNode v = value(object, name);
        if (v == null && required) {
            String field = path(parent, name);
            add(ErrorCode.INVALID_FIELD, field, "缺少必填项：" + label(field) + "。", field + " is required.");
        }
        return v;
    }

    private void wrongType(String field, String zhType, String enType, JsonNode got) {
        add(ErrorCode.INVALID_FIELD, field,
                label(field) + "应为" + zhType + "，收到的是" + zhKind(got) + "。",
                field + " must be " + enType + "; got " + enKind(got) + ".");
    }

    private static String zhKind(JsonNode n) {
        if (n.isTextual()) {
            return "文本";
        } else if (n.isNumber()) {
            return "数字";
        } else if (n.isBoolean()) {
            return "布尔值";
        } else if (n.isArray()) {
            return "数组";
        } else if (n.isObject()) {
            return "对象";
        }
        return "其他类型";
    }

    private static String enKind(JsonNode n) {
        if (n.isTextual()) {
            return "a string";
        } else if (n.isNumber()) {
            return "a number";
        } else if (n.isBoolean()) {
            return "a boolean";
        } else if (n.isArray()) {
            return "an array";
        } else if (n.isObject()) {
            return "an object";
        }
        return "another type";
    }

    /** A nested object, or {@code null} (absent, JSON null, or not an object: recorded). */
    JsonNode object(JsonNode object, String parent, String name, boolean required) {
        JsonNode v = present(object, parent, name, required);
        if (v != null && !v.isObject()) {
            wrongType(path(parent, name), "JSON 对象", "a JSON object", v);
            return null;
        }
        return v;
    }

    String text(JsonNode object, String parent, String name, boolean required) {
        JsonNode v = present(object, parent, name, required);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            wrongType(path(parent, name), "文本（JSON 字符串）", "a JSON string", v);
            return null;
        }
        return v.textValue();
    }

    Boolean bool(JsonNode object, String parent, String name, boolean required) {
        JsonNode v = present(object, parent, name, required);
        if (v == null) {
            return null;
        }
        if (!v.isBoolean()) {
            wrongType(path(parent, name), "布尔值 true 或 false", "true or false", v);
            return null;
        }
        return v.booleanValue();
    }

    /** A date written {@code yyyy-MM-dd}, which must be a real calendar day. */
    LocalDate date(JsonNode object, String parent, String name, boolean required) {
        String s = text(object, parent, name, required);
        if (s == null) {
            return null;
        }
        String field = path(parent, name);
        if (ISO_DATE.matcher(s).matches()) {
            try {
                return LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE);
            } catch (DateTimeParseException e) {
                // reported below
            }
        }
        add(ErrorCode.INVALID_FIELD, field,
                label(field) + "应为 yyyy-MM-dd 格式的有效日期（如 2026-09-01），收到 " + shown(s) + "。",
                field + " must be a real date written yyyy-MM-dd (e.g. 2026-09-01); got " + shown(s) + ".");
        return null;
    }

    /** One of the constants of {@code type}, spelt exactly (upper case). */
    <E extends Enum<E>> E enumValue(JsonNode object, String parent, String name, Class<E> type, boolean required) {
        String s = text(object, parent, name, required);
        if (s == null) {
            return null;
        }
        E[] constants = type.getEnumConstants();
        for (E e : constants) {
            if (e.name().equals(s)) {
                return e;
            }
        }
        String field = path(parent, name);
        List<String> allowed = Arrays.stream(constants).map(Enum::name).collect(Collectors.toList());
        add(ErrorCode.INVALID_FIELD, field,
                label(field) + "只能是 " + String.join("、", allowed) + " 之一，收到 " + shown(s) + "。",
                field + " must be one of " + String.join(", ", allowed) + "; got " + shown(s) + ".");
        return null;
    }

    // ------------------------------------------------------------------------------- domain values

    String requestId(JsonNode object, String parent, String name) {
        String s = text(object, parent, name, true);
        if (s != null && !REQUEST_ID.matcher(s).matches()) {
            String field = path(parent, name);
            add(ErrorCode.INVALID_FIELD, field,
                    label(field) + "应为1–64个字符，只能包含英文字母、数字和 . _ : - 。",
                    field + " must have 1–64 characters, only letters, digits and . _ : -");
            return null;
        }
        return s;
    }

    /** An ID number, normalised (upper-case X); INVALID_ID_NUMBER when it fails the GB 11643 checks. */
    String idNumber(JsonNode object, String parent, String name) {
        String s = text(object, parent, name, true);
        if (s == null) {
            return null;
        }
        Optional<String> problem = IdNumber.problem(s, today);
        if (problem.isPresent()) {
            errors.add(new PolicyError(ErrorCode.INVALID_ID_NUMBER, path(parent, name), problem.get()));
            return null;
        }
        return IdNumber.normalize(s);
    }

    /** A person's name: 1–50 characters (code points), not blank, no control characters. */
    String personName(JsonNode object, String parent, String name) {
        String s = text(object, parent, name, true);
        if (s == null) {
            return null;
        }
        String field = path(parent, name);
        int length = s.codePointCount(0, s.length());
        if (s.isBlank() || length > MAX_NAME) {
            add(ErrorCode.INVALID_FIELD, field,
                    label(field) + "应为1–" + MAX_NAME + "个字，目前为" + (s.isBlank() ? "空" : length + "个字") + "。",
                    field + " must have 1–" + MAX_NAME + " characters; it has "
                            + (s.isBlank() ? "none" : String.valueOf(length)) + ".");
            return null;
        }
        if (hasControl(s, false)) {
            add(ErrorCode.INVALID_FIELD, field, label(field) + "含有换行符等不可见的控制字符。",
                    field + " contains line breaks or other control characters.");
            return null;
        }
        return s;
    }

    /** Free text of at most {@code max} characters; line breaks and tabs allowed when {@code multiLine}. */
    String freeText(JsonNode object, String parent, String name, boolean required, int max, boolean multiLine) {
        String s = text(object, parent, name, required);
        if (s == null) {
            return null;
        }
        String field = path(parent, name);
        int length = s.codePointCount(0, s.length());
        if (s.isBlank() || length > max) {
            add(ErrorCode.INVALID_FIELD, field,
                    label(field) + "应为1–" + max + "个字，目前为" + (s.isBlank() ? "空" : length + "个字") + "。",
                    field + " must have 1–" + max + " characters; it has "
                            + (s.isBlank() ? "none" : String.valueOf(length)) + ".");
            return null;
        }
        if (hasControl(s, multiLine)) {
            add(ErrorCode.INVALID_FIELD, field, label(field) + "含有不可见的控制字符。",
                    field + " contains control characters.");
            return null;
        }
        return s;
    }

    private static boolean hasControl(String s, boolean allowLineBreaks) {
        return s.codePoints().anyMatch(cp -> {
            if (allowLineBreaks && (cp == '\n' || cp == '\r' || cp == '\t')) {
                return false;
            }
            int type = Character.getType(cp);
            return type == Character.CONTROL || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR;
        });
    }

    /** An absolute http or https URL with a host. */
    String httpUrl(JsonNode object, String parent, String name) {
        String s = text(object, parent, name, false);
        if (s == null) {
            return null;
        }
        String field = path(parent, name);
        boolean ok = false;
        if (!s.isEmpty() && s.length() <= MAX_URL) {
            try {
                URI uri = new URI(s);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                ok = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                        && uri.getRawUserInfo() == null;
            } catch (URISyntaxException e) {
                ok = false;
            }
        }
        if (!ok) {
            add(ErrorCode.INVALID_FIELD, field,
                    label(field) + "应为完整的 http 或 https 地址（不含用户名密码，不超过" + MAX_URL + "个字符），收到 "
                            + shown(s) + "。",
                    field + " must be a complete http or https URL (no user name or password, at most "
                            + MAX_URL + " characters); got " + shown(s) + ".");
            return null;
        }
        return s;
    }

    /** Standard base64 (RFC 4648, with padding, no line breaks). */
    String base64(JsonNode object, String parent, String name) {
        String s = text(object, parent, name, false);
        if (s == null) {
            return null;
        }
        String field = path(parent, name);
        boolean ok = !s.isEmpty();
        if (ok) {
            try {
                Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                ok = false;
            }
        }
        if (!ok) {
            add(ErrorCode.INVALID_FIELD, field, label(field) + "应为 Base64 编码的文件内容。",
                    field + " must be the document encoded in base64.");
            return null;
        }
        return s;
    }

    // ------------------------------------------------------------------------------------ divisions

    /** A township of the list (9 digits, or 12 cut to 9); UNKNOWN_DIVISION otherwise. */
    String township(JsonNode object, String parent, String name, boolean required) {
        String s = text(object, parent, name, required);
        if (s == null) {
            return null;
        }
        Optional<Division> d = registry.find(s);
        if (d.isPresent() && d.get().level() == Level.TOWNSHIP) {
            return d.get().code();
        }
        unknownDivision(path(parent, name), s, d, "9位镇（街道）代码，如 610113001",
                "a 9-digit township code, e.g. 610113001");
        return null;
    }

    /** A hukou place: a township (9 or 12 digits) or a county (6 digits) of the list. */
    String hukouDivision(JsonNode object, String parent, String name) {
        String s = text(object, parent, name, true);
        if (s == null) {
            return null;
        }
        Optional<Division> d = registry.find(s);
        if (d.isPresent() && (d.get().level() == Level.TOWNSHIP || d.get().level() == Level.COUNTY)) {
            return d.get().code();
        }
        unknownDivision(path(parent, name), s, d, "9位镇（街道）代码或6位县级代码",
                "a 9-digit township code or a 6-digit county code");
        return null;
    }

    /**
     * The hukou place of an emergency (R4, "取消户籍地、居住地申请限制"): optional, at any level, and possibly
     * missing from the list (a township merged since): only the form is checked, 2, 4, 6, 9 or 12 digits
     * (12 cut to 9). A code the list has is returned in its normal form.
     */
    String emergencyHukou(JsonNode object, String parent, String name) {
        String s = text(object, parent, name, false);
        if (s == null) {
            return null;
        }
        Optional<String> code = DivisionRegistry.normalizeCode(s);
        if (code.isEmpty()) {
            add(ErrorCode.UNKNOWN_DIVISION, path(parent, name),
                    label(path(parent, name)) + " " + shown(s) + " 不是区划代码：应为2、4、6、9或12位数字；不清楚户籍地时可不填。",
                    path(parent, name) + " " + shown(s) + " is not a division code: give 2, 4, 6, 9 or 12 digits,"
                            + " or leave it out when the hukou place is not known.");
            return null;
        }
        return code.get();
    }

    /** A county of the list (6 digits). */
    String county(JsonNode object, String parent, String name, boolean required) {
        String s = text(object, parent, name, required);
        if (s == null) {
            return null;
        }
        Optional<Division> d = s.length() == 6 ? registry.find(s) : Optional.empty();
        if (d.isPresent() && d.get().level() == Level.COUNTY) {
            return d.get().code();
        }
        unknownDivision(path(parent, name), s, s.length() == 6 ? d : registry.find(s), "6位县级代码，如 610104",
                "a 6-digit county code, e.g. 610104");
        return null;
    }

    /** Any division of the list: province, city, county or township. */
    String anyDivision(JsonNode object, String parent, String name) {
        String s = text(object, parent, name, true);
        if (s == null) {
            return null;
        }
        Optional<Division> d = registry.find(s);
        if (d.isPresent()) {
            return d.get().code();
        }
        unknownDivision(path(parent, name), s, d, "2、4、6或9位区划代码（最好是9位镇（街道）代码）",
                "a 2, 4, 6 or 9-digit division code (best the 9-digit township)");
        return null;
    }

    private void unknownDivision(String field, String got, Optional<Division> found, String zhExpected,
                                 String enExpected) {
        String zh = label(field) + " " + shown(got) + " 不是" + zhExpected + "（依据" + registry.vintage()
                + "年版统计用区划代码）";
        String en = field + " " + shown(got) + " is not " + enExpected + " (statistical division list of "
                + registry.vintage() + ")";
        if (found.isPresent()) {
            Division d = found.get();
            zh += "；" + d.code() + " 是" + levelZh(d.level()) + "“" + d.name() + "”的代码";
            en += "; " + d.code() + " is the " + d.level().name().toLowerCase(Locale.ROOT) + " " + d.name();
        } else if (got.length() == 9 && got.endsWith("000") && registry.isCounty(got.substring(0, 6))) {
            zh += "；如指县级，请填写6位代码 " + got.substring(0, 6);
            en += "; for the county give the 6-digit code " + got.substring(0, 6);
        }
        add(ErrorCode.UNKNOWN_DIVISION, field, zh + "。", en + ".");
    }

    private static String levelZh(Level level) {
        return switch (level) {
            case PROVINCE -> "省级区划";
            case CITY -> "地级区划";
            case COUNTY -> "县级区划";
            case TOWNSHIP -> "镇（街道）";
        };
    }
}
