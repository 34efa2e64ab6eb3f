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

/** Reads and checks a {@code mapping.yaml}; every problem names the file, the key and what is wrong. */
final class SpecParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final Pattern SOURCE_SYSTEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '([^']*)'");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private static final Set<String> TOP_KEYS = keys("format", "sourceSystem", "description", "namespaces",
            "dateFormat", "success", "records", "proof", "codes");
    private static final Set<String> SUCCESS_KEYS = keys("path", "equals", "messagePath");
    private static final Set<String> RECORDS_KEYS = keys("path", "whenAbsent", "fields");
    private static final Set<String> PROOF_KEYS = keys("path", "fields");
    private static final Set<String> FIELD_KEYS = keys("path", "rootPath", "const", "codes", "optional");
    private static final Set<String> PERIOD_KEYS = keys("path", "rootPath", "const", "codes");

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
        allowOnly(root, "", TOP_KEYS);

        String formatText = requiredText(root, "format");
        try {
            format = MappingSpec.Format.valueOf(formatText.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw problem("format", "must be json or xml, not '" + formatText + "'");
        }
        String sourceSystem = requiredText(root, "sourceSystem");
        if (!SOURCE_SYSTEM.matcher(sourceSystem).matches()) {
            throw problem("sourceSystem", "'" + sourceSystem
                    + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        optionalText(root, "description");
        namespaces = namespaces(root.get("namespaces"));
        if (root.has("dateFormat")) {
            defaultDates = datePatterns(root.get("dateFormat"), "dateFormat");
        }
        codes = codeTables(root.get("codes"));
        MappingSpec.SuccessCheck success = root.has("success") ? success(root.get("success")) : null;
        MappingSpec.Section records = root.has("records")
                ? section(root.get("records"), "records", RECORDS_KEYS, CanonicalField.RECORD, Set.of())
                : null;
        MappingSpec.Section proof = root.has("proof")
                ? section(root.get("proof"), "proof", PROOF_KEYS, CanonicalField.PROOF, CanonicalField.PROOF_DEFAULTED)
                : null;
        if (records == null && proof == null) {
            throw problem("", "maps nothing: it needs a 'records' section, a 'proof' section or both");
        }
        return new MappingSpec(source, format, sourceSystem, namespaces, success, records, proof);
    }

    // ---------------------------------------------------------------------------------------- sections

    private MappingSpec.Section section(JsonNode node, String key, Set<String> allowed,
            Map<String, CanonicalField> canonical, Set<String> defaulted) {
        requireObject(node, key);
        allowOnly(node, key, allowed);
        String path = requiredText(node, key, "path", true);
        checkPath(key + ".path", path, true);
        boolean emptyWhenAbsent = false;
        if (node.has("whenAbsent")) {
            String w = requiredText(node, key, "whenAbsent", false);
            if (!w.equals("error") && !w.equals("empty")) {
                throw problem(key + ".whenAbsent", "must be 'error' or 'empty', not '" + w + "'");
            }
            emptyWhenAbsent = w.equals("empty");
        }
        JsonNode fieldsNode = node.get("fields");
        if (fieldsNode == null || fieldsNode.isNull()) {
            throw problem(key + ".fields", "is missing: say how each canonical field is filled");
        }
        requireObject(fieldsNode, key + ".fields");
        Map<String, FieldSpec> declared = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = fieldsNode.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            String fieldKey = key + ".fields." + name;
            CanonicalField target = canonical.get(name);
            if (target == null) {
                if (name.equals("sourceSystem")) {
                    throw problem(fieldKey, "sourceSystem is set once, at the top of the file");
                }
                throw problem(fieldKey, "unknown canonical field '" + name + "' (known: "
                        + String.join(", ", canonical.keySet()) + ")");
            }
            declared.put(name, field(e.getValue(), fieldKey, target, defaulted.contains(name)));
        }
        Map<String, FieldSpec> ordered = new LinkedHashMap<>();
        for (CanonicalField f : canonical.values()) {
            FieldSpec spec = declared.get(f.name());
            if (spec != null) {
                ordered.put(f.name(), spec);
            } else if (!f.nullable() && !defaulted.contains(f.name())) {
                throw problem(key + ".fields", "required canonical field '" + f.name()
                        + "' is not mapped (give it a path, rootPath or const)");
            }
        }
        return new MappingSpec.Section(path, emptyWhenAbsent, java.util.Collections.unmodifiableMap(ordered));
    }

    // ------------------------------------------------------------------------------------------ fields

    private FieldSpec field(JsonNode node, String key, CanonicalField target, boolean defaulted) {
        requireObject(node, key);
        Set<String> allowed = new LinkedHashSet<>(FIELD_KEYS);
        if (target.kind() == CanonicalField.Kind.DATE) {
            allowed.add("date");
        }
        if (target.kind() == CanonicalField.Kind.AMOUNT) {
            allowed.add("unit");
            allowed.add("period");
        }
        allowOnly(node, key, allowed);
        Source src = source(node, key, target);

        String table = codeTable(node, key, target, src);
        boolean optional = false;
        if (node.has("optional")) {
            JsonNode o = node.get("optional");
            if (!o.isBoolean()) {
                throw problem(key + ".optional", "must be true or false");
            }
            optional = o.booleanValue();
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
            String u = requiredText(node, key, "unit", false);
            try {
                unit = FieldSpec.AmountUnit.valueOf(u.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw problem(key + ".unit", "must be 'fen' or 'yuan', not '" + u + "'");
            }
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
        if (node == null || node.isNull()) {
            throw problem(key, "is missing: an amount needs a period (MONTH or ONCE, or {path, codes})");
        }
        if (node.isValueNode()) {
            String v = node.asText();
            if (!target.accepts(v)) {
                throw problem(key, "'" + v + "' is not a period (allowed: " + String.join(", ", target.allowed()) + ")");
            }
            return new FieldSpec(target, List.of(), false, v, null, null, List.of(), false, null, null);
        }
        requireObject(node, key);
        allowOnly(node, key, PERIOD_KEYS);
        Source src = source(node, key, target);
        String table = codeTable(node, key, target, src);
        return new FieldSpec(target, src.paths, src.fromRoot, src.constant, table,
                table == null ? null : codes.get(table), List.of(), false, null, null);
    }

    private record Source(List<String> paths, boolean fromRoot, String constant) {
    }

    private Source source(JsonNode node, String key, CanonicalField target) {
        int given = (node.has("path") ? 1 : 0) + (node.has("rootPath") ? 1 : 0) + (node.has("const") ? 1 : 0);
        if (given == 0) {
            throw problem(key, "missing path: give one of 'path' (relative to the "
                    + (format == MappingSpec.Format.XML ? "record element, an XPath" : "record, a JSON Pointer")
                    + "), 'rootPath' (from the payload root) or 'const'");
        }
        if (given > 1) {
            throw problem(key, "give only one of 'path', 'rootPath' and 'const'");
        }
        if (node.has("const")) {
            JsonNode c = node.get("const");
            if (!c.isValueNode() || c.isNull()) {
                throw problem(key + ".const", "must be a single value (leave the field out for null)");
            }
            String v = c.asText();
            String why = canonicalProblem(target, v);
            if (why != null) {
                throw problem(key + ".const", "'" + v + "' " + why);
            }
            return new Source(List.of(), false, v);
        }
        boolean fromRoot = node.has("rootPath");
        String pathKey = fromRoot ? "rootPath" : "path";
        JsonNode p = node.get(pathKey);
        List<String> paths = new ArrayList<>();
        if (p.isTextual()) {
            paths.add(p.asText());
        } else if (p.isArray() && p.size() > 0) {
            for (JsonNode one : p) {
                if (!one.isTextual()) {
                    throw problem(key + "." + pathKey, "must list paths as strings");
                }
                paths.add(one.asText());
            }
        } else {
            throw problem(key + "." + pathKey, "must be a path or a list of paths");
        }
        for (String one : paths) {
            checkPath(key + "." + pathKey, one, false);
        }
        return new Source(List.copyOf(paths), fromRoot, null);
    }

    private String codeTable(JsonNode node, String key, CanonicalField target, Source src) {
        if (!node.has("codes")) {
            return null;
        }
        String table = requiredText(node, key, "codes", false);
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
        requireObject(node, "namespaces");
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!PREFIX.matcher(e.getKey()).matches()) {
                throw problem("namespaces." + e.getKey(), "is not a namespace prefix");
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw problem("namespaces." + e.getKey(), "must be a namespace URI");
            }
            m.put(e.getKey(), e.getValue().asText());
        }
        return m;
    }

    private Map<String, Map<String, String>> codeTables(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        requireObject(node, "codes");
        Map<String, Map<String, String>> tables = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = "codes." + e.getKey();
            JsonNode t = e.getValue();
            requireObject(t, key);
            if (t.isEmpty()) {
                throw problem(key, "is an empty code table");
            }
            Map<String, String> table = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> rows = t.fields(); rows.hasNext();) {
                Map.Entry<String, JsonNode> row = rows.next();
                if (!row.getValue().isValueNode() || row.getValue().isNull()) {
                    throw problem(key + "." + row.getKey(), "must map the code to a single value");
                }
                table.put(row.getKey(), row.getValue().asText());
            }
            tables.put(e.getKey(), java.util.Collections.unmodifiableMap(table));
        }
        return tables;
    }

    private MappingSpec.SuccessCheck success(JsonNode node) {
        requireObject(node, "success");
        allowOnly(node, "success", SUCCESS_KEYS);
        String path = requiredText(node, "success", "path", false);
        checkPath("success.path", path, false);
        JsonNode eq = node.get("equals");
        List<String> values = new ArrayList<>();
        if (eq != null && eq.isValueNode() && !eq.isNull()) {
            values.add(eq.asText());
        } else if (eq != null && eq.isArray()) {
            for (JsonNode v : eq) {
                if (!v.isValueNode() || v.isNull()) {
                    throw problem("success.equals", "must list single values");
                }
                values.add(v.asText());
            }
        }
        if (values.isEmpty()) {
            throw problem("success.equals", "is missing: give the value (or values) that mean success");
        }
        String messagePath = null;
        if (node.has("messagePath")) {
            messagePath = requiredText(node, "success", "messagePath", false);
            checkPath("success.messagePath", messagePath, false);
        }
        return new MappingSpec.SuccessCheck(path, List.copyOf(values), messagePath);
    }

    private List<DatePattern> datePatterns(JsonNode node, String key) {
        List<String> texts = new ArrayList<>();
        if (node != null && node.isTextual()) {
            texts.add(node.asText());
        } else if (node != null && node.isArray() && node.size() > 0) {
            for (JsonNode n : node) {
                if (!n.isTextual()) {
                    throw problem(key, "must list date patterns as strings");
                }
                texts.add(n.asText());
            }
        } else {
            throw problem(key, "must be a date pattern (e.g. yyyyMMdd) or a list of them");
        }
        List<DatePattern> patterns = new ArrayList<>();
        for (String t : texts) {
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

    private void allowOnly(JsonNode node, String key, Set<String> allowed) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw problem(key.isEmpty() ? name : key + "." + name,
                        "unknown key (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private void requireObject(JsonNode node, String key) {
        if (node == null || !node.isObject()) {
            throw problem(key, "must be a mapping of keys ({...})");
        }
    }

    private String requiredText(JsonNode node, String key) {
        return requiredText(node, "", key, false);
    }

    private String requiredText(JsonNode node, String parent, String key, boolean emptyAllowed) {
        String full = parent.isEmpty() ? key : parent + "." + key;
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw problem(full, "is missing");
        }
        if (!v.isValueNode()) {
            throw problem(full, "must be a single value");
        }
        String s = v.asText();
        if (s.isBlank() && !emptyAllowed) {
            throw problem(full, "is blank");
        }
        return s;
    }

    private void optionalText(JsonNode node, String key) {
        JsonNode v = node.get(key);
        if (v != null && !v.isNull() && !v.isValueNode()) {
            throw problem(key, "must be text");
        }
    }

    private MappingException problem(String key, String what) {
        return new MappingException(MappingException.SPEC_INVALID,
                source + ": " + (key.isEmpty() ? "" : key + ": ") + what);
    }

    private static Set<String> keys(String... names) {
        return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(List.of(names)));
    }
}
