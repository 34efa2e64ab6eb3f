package org.assistx.gateway.mapping;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathExpressionException;

/**
 * Reads and checks a {@code mapping.yaml}; every problem names the file, the key and what is wrong. The
 * structure (keys, types, required keys, enumerations) is checked first against
 * {@value CanonicalSchemas#MAPPING}; this class then checks what the schema cannot: paths that compile,
 * date patterns that read back, code tables that exist and translate to canonical values, constants that
 * are canonical values, fields that may be optional.
 */
final class SpecParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");

    private final String source;
    private MappingSpec.Format format;
    private Map<String, String> namespaces = Map.of();
    private List<DatePattern> defaultDates = List.of();
    private Map<String, Map<String, String>> codes = Map.of();

    SpecParser(String source) {
        this.source = source;
    }

    MappingSpec parse(String yaml) {
        JsonNode root;
        try {
            root = yaml == null ? null : YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            Matcher dup = DUPLICATE.matcher(e.getOriginalMessage());
            String why = dup.find() ? "the key '" + dup.group(1) + "' appears twice in one mapping"
                    : e.getOriginalMessage();
            throw problem("", "is not valid YAML" + where + ": " + why);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw problem("", "is empty");
        }
        if (!root.isObject()) {
            throw problem("", "must be a YAML mapping of keys (format, sourceSystem, records, proof, codes, ...)");
        }
        List<String> violations = CanonicalSchemas.validateDescriptor(CanonicalSchemas.MAPPING, root);
        if (!violations.isEmpty()) {
            throw problem("", String.join("; ", violations) + " (" + CanonicalSchemas.MAPPING + ")");
        }
        format = MappingSpec.Format.valueOf(root.get("format").asText().toUpperCase(Locale.ROOT));
        String sourceSystem = root.get("sourceSystem").asText();
        namespaces = namespaces(root.get("namespaces"));
        if (root.has("dateFormat")) {
            defaultDates = datePatterns(root.get("dateFormat"), "dateFormat");
        }
        codes = codeTables(root.get("codes"));
        MappingSpec.SuccessCheck success = root.has("success") ? success(root.get("success")) : null;
        MappingSpec.Section records = root.has("records")
                ? section(root.get("records"), "records", CanonicalField.RECORD, Set.of())
                : null;
        MappingSpec.Section proof = root.has("proof")
                ? section(root.get("proof"), "proof", CanonicalField.PROOF, CanonicalField.PROOF_DEFAULTED)
                : null;
        return new MappingSpec(source, format, sourceSystem, namespaces, success, records, proof);
    }

    // ---------------------------------------------------------------------------------------- sections

    private MappingSpec.Section section(JsonNode node, String key, Map<String, CanonicalField> canonical,
            Set<String> defaulted) {
        String path = node.get("path").asText();
        checkPath(key + ".path", path, true);
        boolean emptyWhenAbsent = node.path("whenAbsent").asText("error").equals("empty");
        Map<String, FieldSpec> declared = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.get("fields").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            declared.put(name, field(e.getValue(), key + ".fields." + name, canonical.get(name),
                    defaulted.contains(name)));
        }
        Map<String, FieldSpec> ordered = new LinkedHashMap<>();
        for (CanonicalField f : canonical.values()) {
            FieldSpec spec = declared.get(f.name());
            if (spec != null) {
                ordered.put(f.name(), spec);
            }
        }
        return new MappingSpec.Section(path, emptyWhenAbsent, java.util.Collections.unmodifiableMap(ordered));
    }

    // ------------------------------------------------------------------------------------------ fields

    private FieldSpec field(JsonNode node, String key, CanonicalField target, boolean defaulted) {
        Source src = source(node, key, target);

        String table = codeTable(node, key, target, src);
        boolean optional = node.path("optional").asBoolean(false);
        if (node.has("optional")) {
            if (optional && src.constant != null) {
                throw problem(key + ".optional", "a const is never missing; remove 'optional'");
            }
            if (optional && !target.nullable() && !defaulted) {
                throw problem(key + ".optional", "'" + target.name()
                        + "' is required in every canonical record and cannot be optional");
            }
        }

        List<DatePattern> dates = List.of();
        if (target.kind() == CanonicalField.Kind.DATE) {
            if (node.has("date")) {
                if (src.constant != null) {
                    throw problem(key + ".date", "a date const is written yyyy-MM-dd; remove 'date'");
                }
                dates = datePatterns(node.get("date"), key + ".date");
            } else if (src.constant == null) {
                if (defaultDates.isEmpty()) {
                    throw problem(key, "a date field needs a date pattern: add 'date: yyyyMMdd' (or similar), "
                            + "or set 'dateFormat' at the top of the file");
                }
                dates = defaultDates;
            }
        }

        FieldSpec.AmountUnit unit = null;
        FieldSpec period = null;
        if (target.kind() == CanonicalField.Kind.AMOUNT) {
            unit = FieldSpec.AmountUnit.valueOf(node.get("unit").asText().toUpperCase(Locale.ROOT));
            period = period(node.get("period"), key + ".period");
            if (src.constant != null) {
                try {
                    Values.amount(src.constant, unit);
                } catch (IllegalArgumentException e) {
                    throw problem(key + ".const", "'" + src.constant + "' " + e.getMessage());
                }
            }
        }
        return new FieldSpec(target, src.paths, src.fromRoot, src.constant, table,
                table == null ? null : codes.get(table), dates, optional, unit, period);
    }

    private FieldSpec period(JsonNode node, String key) {
        CanonicalField target = CanonicalField.AMOUNT_PERIOD;
        if (node.isValueNode()) {
            return new FieldSpec(target, List.of(), false, node.asText(), null, null, List.of(), false, null, null);
        }
        Source src = source(node, key, target);
        String table = codeTable(node, key, target, src);
        return new FieldSpec(target, src.paths, src.fromRoot, src.constant, table,
                table == null ? null : codes.get(table), List.of(), false, null, null);
    }

    private record Source(List<String> paths, boolean fromRoot, String constant) {
    }

    private Source source(JsonNode node, String key, CanonicalField target) {
        if (node.has("const")) {
            String v = node.get("const").asText();
            String why = canonicalProblem(target, v);
            if (why != null) {
                throw problem(key + ".const", "'" + v + "' " + why);
            }
            return new Source(List.of(), false, v);
        }
        boolean fromRoot = node.has("rootPath");
        String pathKey = fromRoot ? "rootPath" : "path";
        JsonNode p = node.get(pathKey);
        List<String> paths = texts(p);
        for (String one : paths) {
            checkPath(key + "." + pathKey, one, false);
        }
        return new Source(List.copyOf(paths), fromRoot, null);
    }

    private String codeTable(JsonNode node, String key, CanonicalField target, Source src) {
        if (!node.has("codes")) {
            return null;
        }
        String table = node.get("codes").asText();
        if (src.constant != null) {
            throw problem(key + ".codes", "a const is already a canonical value; remove 'codes'");
        }
        switch (target.kind()) {
            case DATE, AMOUNT, ID_NUMBER -> throw problem(key + ".codes",
                    "a code table cannot fill '" + target.name() + "'");
            default -> {
                // code tables fill enums, text, divisions and flags
            }
        }
        Map<String, String> t = codes.get(table);
        if (t == null) {
            throw problem(key + ".codes", "unknown code table '" + table + "' (tables: "
                    + (codes.isEmpty() ? "none" : String.join(", ", codes.keySet())) + ")");
        }
        for (Map.Entry<String, String> e : t.entrySet()) {
            String why = canonicalProblem(target, e.getValue());
            if (why != null) {
                throw problem("codes." + table + "." + e.getKey(), "maps to '" + e.getValue() + "', which "
                        + why + " (the table fills " + key + ")");
            }
        }
        return table;
    }

    /** Why {@code v} cannot be a value of {@code target}, or {@code null} when it can. */
    private static String canonicalProblem(CanonicalField target, String v) {
        return switch (target.kind()) {
            case ENUM, BOOLEAN -> target.accepts(v) ? null
                    : "is not a valid " + target.name() + " (allowed: " + String.join(", ", target.allowed()) + ")";
            case DIVISION -> Values.division(v) != null ? null : "is not a 6- or 9-digit division code";
            case ID_NUMBER -> Values.idNumber(v) != null ? null : "is not an 18-character ID number";
            case DATE -> DatePattern.parseIso(v) != null ? null : "is not a date written yyyy-MM-dd";
            case TEXT -> v.isBlank() ? "is blank" : null;
            case AMOUNT -> null;
        };
    }

    // --------------------------------------------------------------------------- top-level structures

    private Map<String, String> namespaces(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (format != MappingSpec.Format.XML) {
            throw problem("namespaces", "only an xml mapping declares namespaces");
        }
        Map<String, String> m = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        return m;
    }

    private Map<String, Map<String, String>> codeTables(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            Map<String, String> table = new LinkedHashMap<>();
            e.getValue().fields().forEachRemaining(row -> table.put(row.getKey(), row.getValue().asText()));
            tables.put(e.getKey(), java.util.Collections.unmodifiableMap(table));
        });
        return tables;
    }

    private MappingSpec.SuccessCheck success(JsonNode node) {
        String path = node.get("path").asText();
        checkPath("success.path", path, false);
        List<String> values = texts(node.get("equals"));
        String messagePath = null;
        if (node.has("messagePath")) {
            messagePath = node.get("messagePath").asText();
            checkPath("success.messagePath", messagePath, false);
        }
        return new MappingSpec.SuccessCheck(path, List.copyOf(values), messagePath);
    }

    private List<DatePattern> datePatterns(JsonNode node, String key) {
        List<DatePattern> patterns = new ArrayList<>();
        for (String t : texts(node)) {
            try {
                patterns.add(DatePattern.of(t));
            } catch (IllegalArgumentException e) {
                throw problem(key, "bad date pattern: " + e.getMessage());
            }
        }
        return List.copyOf(patterns);
    }

    // ----------------------------------------------------------------------------------------- paths

    private void checkPath(String key, String path, boolean section) {
        if (format == MappingSpec.Format.JSON) {
            if (path.isEmpty()) {
                if (section) {
                    return; // the payload itself
                }
                throw problem(key, "is empty: a field path is a JSON Pointer such as /xm");
            }
            if (!path.startsWith("/")) {
                throw problem(key, "'" + path + "' is not a JSON Pointer: it starts with '/', e.g. /" + path);
            }
            try {
                JsonPointer.compile(path);
            } catch (IllegalArgumentException e) {
                throw problem(key, "'" + path + "' is not a JSON Pointer: " + e.getMessage());
            }
        } else {
            if (path.isBlank()) {
                throw problem(key, "is empty: give an XPath");
            }
            try {
                SafeXml.newXPath(namespaces).compile(path);
            } catch (XPathExpressionException | RuntimeException e) {
                throw problem(key, "'" + path + "' is not a usable XPath: " + rootMessage(e)
                        + (path.contains(":") ? " (is every prefix declared under 'namespaces'?)" : ""));
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    // --------------------------------------------------------------------------------------- helpers

    /** A value or a list of values (the schema has checked which), as text. */
    private static List<String> texts(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        } else {
            out.add(node.asText());
        }
        return out;
    }

    private MappingException problem(String key, String what) {
        return new MappingException(MappingException.SPEC_INVALID,
                source + ": " + (key.isEmpty() ? "" : key + ": ") + what);
    }
}
