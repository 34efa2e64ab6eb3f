package org.assistx.gateway.partner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.mapping.SafeXml;

/**
 * How the gateway writes a partner's request payload in the partner's own format: a JSON or XML text with
 * placeholders {@code ${field}}, {@code ${field|yyyyMMdd}} (a date in the partner's pattern) or
 * {@code ${field|codes:table}} (a canonical code through one of the partner's code tables). Values are
 * escaped for the format (JSON string content or XML text), so a template only ever places them inside a
 * JSON string or an XML text/attribute.
 *
 * <p>Everything is checked at load: every placeholder names a known request field, every date pattern
 * reads back unchanged, every code table exists and has a code for every canonical value of its field,
 * and the template renders to a well-formed document.
 */
public final class RequestTemplate {

    /** The request fields a template may use, with the canonical values of the coded ones. */
    public static final Map<String, Set<String>> FIELDS = fields();
    private static final Set<String> DATE_FIELDS = Set.of("appliedOn", "residenceSince", "today");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z.]+)(?:\\|([^}]+))?}");
    private static final JsonStringEncoder JSON_ESCAPE = JsonStringEncoder.getInstance();

    /** The format of the partner's payload. */
    public enum Format { JSON, XML }

    private record Part(String literal, String field, DateTimeFormatter date, Map<String, String> codes) {
    }

    private final String source;
    private final Format format;
    private final List<Part> parts;

    private RequestTemplate(String source, Format format, List<Part> parts) {
        this.source = source;
        this.format = format;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses and checks a template.
     *
     * @param source what the template is (file name), for messages
     * @param codes  the partner's request code tables: table name → canonical value → partner code
     * @throws IllegalArgumentException with the problem, for the caller to name the file and field
     */
    public static RequestTemplate parse(String text, Format format, Map<String, Map<String, String>> codes,
            String source) {
        List<Part> parts = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text);
        int last = 0;
        while (m.find()) {
            parts.add(new Part(text.substring(last, m.start()), null, null, null));
            parts.add(placeholder(m.group(1), m.group(2), codes));
            last = m.end();
        }
        parts.add(new Part(text.substring(last), null, null, null));
        String rest = PLACEHOLDER.matcher(text).replaceAll("");
        if (rest.contains("${")) {
            int at = rest.indexOf("${");
            throw new IllegalArgumentException("a placeholder is not closed or not of the form ${field}, "
                    + "${field|pattern} or ${field|codes:table}: '" + rest.substring(at, Math.min(rest.length(), at + 30))
                    + "'");
        }
        RequestTemplate template = new RequestTemplate(source, format, parts);
        template.requireWellFormed(template.render(sampleValues()));
        return template;
    }

    private static Part placeholder(String field, String modifier, Map<String, Map<String, String>> codes) {
        if (!FIELDS.containsKey(field)) {
            throw new IllegalArgumentException("${" + field + "} is not a request field (known: "
                    + String.join(", ", new TreeSet<>(FIELDS.keySet())) + ")");
        }
        if (modifier == null) {
            return new Part(null, field, null, null);
        }
        if (modifier.startsWith("codes:")) {
            String table = modifier.substring("codes:".length());
            Set<String> canonical = FIELDS.get(field);
            if (canonical.isEmpty()) {
                throw new IllegalArgumentException("${" + field + "|" + modifier + "}: " + field
                        + " is not a coded field, so it takes no code table");
            }
            Map<String, String> t = codes.get(table);
            if (t == null) {
                throw new IllegalArgumentException("${" + field + "|" + modifier + "}: no code table '" + table
                        + "' under request.codes (tables: " + codes.keySet() + ")");
            }
            Set<String> missing = new TreeSet<>(canonical);
            missing.removeAll(t.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("code table '" + table + "' used for " + field
                        + " has no code for " + missing);
            }
            Set<String> unknown = new TreeSet<>(t.keySet());
            unknown.removeAll(canonical);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("code table '" + table + "' maps " + unknown + ", which are not "
                        + field + " values (allowed: " + canonical + ")");
            }
            return new Part(null, field, null, Map.copyOf(t));
        }
        if (!DATE_FIELDS.contains(field)) {
            throw new IllegalArgumentException("${" + field + "|" + modifier + "}: only dates " + DATE_FIELDS
                    + " take a pattern; coded fields take codes:<table>");
        }
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(modifier);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("${" + field + "|" + modifier + "}: bad date pattern: " + e.getMessage());
        }
        LocalDate probe = LocalDate.of(2024, 11, 23);
        try {
            if (!LocalDate.parse(probe.format(f), f).equals(probe)) {
                throw new IllegalArgumentException("${" + field + "|" + modifier + "}: the pattern does not write a whole date");
            }
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("${" + field + "|" + modifier + "}: the pattern does not write a whole date"
                    + " (use e.g. yyyyMMdd or yyyy-MM-dd)");
        }
        return new Part(null, field, f, null);
    }

    /**
     * The payload for one request.
     *
     * @param values request field → canonical value (dates ISO {@code yyyy-MM-dd}); every field the
     *               template uses must be present
     */
    public String render(Map<String, String> values) {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            if (p.literal() != null) {
                out.append(p.literal());
                continue;
            }
            String v = values.get(p.field());
            if (v == null) {
                throw new PartnerConfigException(source + ": the request has no value for ${" + p.field() + "}");
            }
            // An optional value the request does not carry (hukouNature of temporary assistance) stays empty.
            if (p.date() != null && !v.isEmpty()) {
                v = LocalDate.parse(v).format(p.date());
            } else if (p.codes() != null && !v.isEmpty()) {
                String coded = p.codes().get(v);
                if (coded == null) {
                    throw new PartnerConfigException(source + ": no code for " + p.field() + " '" + v + "'");
                }
                v = coded;
            }
            out.append(escape(v));
        }
        return out.toString();
    }

    public Format format() {
        return format;
    }

    public String source() {
        return source;
    }

    private String escape(String v) {
        if (format == Format.JSON) {
            return new String(JSON_ESCAPE.quoteAsString(v));
        }
        StringBuilder b = new StringBuilder(v.length());
        for (char c : v.toCharArray()) {
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private void requireWellFormed(String rendered) {
        if (format == Format.JSON) {
            try {
                JsonNode n = new ObjectMapper().readTree(rendered);
                if (n == null || !n.isObject()) {
                    throw new IllegalArgumentException("the template does not render to a JSON object");
                }
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("the template does not render to valid JSON: "
                        + e.getOriginalMessage());
            }
        } else {
            if (rendered.contains("<!DOCTYPE") || rendered.contains("<!ENTITY")) {
                throw new IllegalArgumentException("the template must not declare a DOCTYPE or entities");
            }
            try {
                javax.xml.parsers.DocumentBuilder b = SafeXml.newDocumentBuilder();
                b.parse(new org.xml.sax.InputSource(new java.io.StringReader(rendered)));
            } catch (org.xml.sax.SAXException | java.io.IOException e) {
                throw new IllegalArgumentException("the template does not render to well-formed XML: " + e.getMessage());
            }
        }
    }

    /** Values that exercise escaping, for the check at load. */
    static Map<String, String> sampleValues() {
        Map<String, String> v = new LinkedHashMap<>();
        FIELDS.forEach((field, canonical) -> v.put(field, canonical.isEmpty() ? "x\"<&'>\\y" : canonical.iterator().next()));
        v.put("appliedOn", "2026-09-01");
        v.put("residenceSince", "2026-01-15");
        v.put("today", "2026-09-02");
        return v;
    }

    private static Map<String, Set<String>> fields() {
        Map<String, Set<String>> f = new LinkedHashMap<>();
        f.put("messageType", MessageType.requestTypes().stream().map(Enum::name)
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
        f.put("verificationId", Set.of());
        f.put("requestId", Set.of());
        f.put("messageId", Set.of());
        f.put("appliedOn", Set.of());
        f.put("today", Set.of());
        f.put("residenceTownship", Set.of());
        f.put("residenceSince", Set.of());
        f.put("assistanceType", Set.of("TEMPORARY", "DIBAO", "TEKUN"));
        f.put("category", Set.of("URBAN_DIBAO", "RURAL_DIBAO", "URBAN_TEKUN", "RURAL_TEKUN", "TEMPORARY"));
        f.put("jurisdiction", Set.of("CROSS_TOWNSHIP", "CROSS_COUNTY", "CROSS_CITY", "CROSS_PROVINCE", "EMERGENCY"));
        f.put("declarationOfNonReceipt", Set.of("true", "false"));
        f.put("wantsProof", Set.of("true", "false"));
        f.put("person.idNumber", Set.of());
        f.put("person.name", Set.of());
        f.put("person.hukouDivision", Set.of());
        f.put("person.hukouNature", Set.of("URBAN", "RURAL"));
        return java.util.Collections.unmodifiableMap(f);
    }
}
