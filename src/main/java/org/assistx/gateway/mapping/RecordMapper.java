package org.assistx.gateway.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Maps one partner's answers into canonical records and proofs with that partner's {@link MappingSpec}.
 *
 * <p>Every value is accounted for: a required value that is missing, a code that is not in its table, a
 * date or amount that cannot be read, and a mapped record that breaks the canonical JSON Schema all end
 * in a {@link MappingException} ({@code MAPPING_FAILED}) naming the partner, the canonical field, the
 * source path and the value; nothing becomes {@code null} silently. XML is parsed safely (see
 * {@link SafeXml}): an answer with a DOCTYPE is refused with {@code XML_UNSAFE}.
 *
 * <p>Stateless apart from its mapping: one instance serves any number of threads.
 */
public final class RecordMapper {

    /** The canonical field a schema violation is about: {@code /amount/value: …} or {@code (root): required property 'x' …}. */
    private static final Pattern VIOLATED_FIELD = Pattern.compile("^/([^/:]+)|property '([^']+)'");

    private final MappingSpec spec;
    private final String partnerId;

    public RecordMapper(MappingSpec spec, String partnerId) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.partnerId = Objects.requireNonNull(partnerId, "partnerId");
    }

    public MappingSpec spec() {
        return spec;
    }

    public String partnerId() {
        return partnerId;
    }

    /**
     * The assistance records in an answer (JSON or XML text, as the mapping's {@code format} says); an
     * empty list when the partner found none.
     *
     * @throws MappingException {@code MAPPING_FAILED}, {@code XML_UNSAFE} or {@code PARTNER_REPORTED_ERROR}
     */
    public List<AssistanceRecord> mapRecords(String payload) {
        return records(open(payload));
    }

    /** As {@link #mapRecords(String)}, for a JSON answer already parsed (e.g. an envelope's payload). */
    public List<AssistanceRecord> mapRecords(JsonNode payload) {
        return records(json(payload));
    }

    /**
     * The proof of non-receipt in an answer, or empty when the answer holds none (or the mapping has no
     * {@code proof} section).
     *
     * @throws MappingException {@code MAPPING_FAILED}, {@code XML_UNSAFE} or {@code PARTNER_REPORTED_ERROR}
     */
    public Optional<NonReceiptProof> mapProof(String payload) {
        return proof(open(payload));
    }

    /** As {@link #mapProof(String)}, for a JSON answer already parsed (e.g. an envelope's payload). */
    public Optional<NonReceiptProof> mapProof(JsonNode payload) {
        return proof(json(payload));
    }

    // ------------------------------------------------------------------------------------------ records

    private List<AssistanceRecord> records(Payload payload) {
        MappingSpec.Section section = spec.records().orElseThrow(() -> failure(
                "the mapping has no 'records' section, so it cannot map assistance records"));
        checkSuccess(payload);
        List<Object> items;
        try {
            items = payload.selectAll(section.path());
        } catch (Payload.Unreadable e) {
            throw failure("records path '" + section.path() + "' " + e.getMessage());
        }
        if (items == null) {
            if (section.emptyWhenAbsent()) {
                return List.of();
            }
            throw failure("the answer has nothing at records path '" + section.path()
                    + "' (if this partner leaves it out when it finds no records, set records.whenAbsent: empty)");
        }
        List<AssistanceRecord> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(record(payload, items.get(i), section, "record " + (i + 1) + " of " + items.size()));
        }
        return List.copyOf(out);
    }

    private AssistanceRecord record(Payload payload, Object item, MappingSpec.Section section, String where) {
        Item it = new Item(payload, item, where);
        Map<String, FieldSpec> f = section.fields();
        AssistanceRecord r = new AssistanceRecord(
                it.text(f.get("personIdNumber"), "personIdNumber"),
                it.text(f.get("personName"), "personName"),
                it.text(f.get("division"), "division"),
                it.text(f.get("assistanceType"), "assistanceType"),
                it.text(f.get("category"), "category"),
                it.text(f.get("status"), "status"),
                it.date(f.get("startDate"), "startDate"),
                it.date(f.get("endDate"), "endDate"),
                it.amount(f.get("amount")),
                spec.sourceSystem(),
                it.text(f.get("sourceRecordId"), "sourceRecordId"));
        it.conform(CanonicalSchemas.RECORD, CanonicalSchemas.validateRecord(CanonicalJson.MAPPER.valueToTree(r)));
        return r;
    }

    // -------------------------------------------------------------------------------------------- proof

    private Optional<NonReceiptProof> proof(Payload payload) {
        Optional<MappingSpec.Section> section = spec.proof();
        if (section.isEmpty()) {
            return Optional.empty();
        }
        checkSuccess(payload);
        Object item;
        try {
            item = payload.selectOne(section.get().path());
        } catch (Payload.Unreadable e) {
            throw failure("proof path '" + section.get().path() + "' " + e.getMessage());
        }
        if (item == null) {
            return Optional.empty();
        }
        Item it = new Item(payload, item, "proof");
        Map<String, FieldSpec> f = section.get().fields();
        FieldSpec verified = f.get("signatureVerified");
        String flag = verified == null ? null : it.text(verified, "signatureVerified");
        NonReceiptProof p = new NonReceiptProof(
                it.text(f.get("documentNumber"), "documentNumber"),
                it.text(f.get("personIdNumber"), "personIdNumber"),
                it.text(f.get("personName"), "personName"),
                it.text(f.get("issuerDivision"), "issuerDivision"),
                it.text(f.get("issuerName"), "issuerName"),
                it.date(f.get("issuedOn"), "issuedOn"),
                it.date(f.get("validUntil"), "validUntil"),
                it.text(f.get("statement"), "statement"),
                "true".equals(flag),
                spec.sourceSystem());
        it.conform(CanonicalSchemas.PROOF, CanonicalSchemas.validateProof(CanonicalJson.MAPPER.valueToTree(p)));
        return Optional.of(p);
    }

    // ----------------------------------------------------------------------------------------- payloads

    private Payload open(String payload) {
        String what = "the answer of partner '" + partnerId + "'";
        if (spec.formatKind() == MappingSpec.Format.XML) {
            return new XmlPayload(SafeXml.parse(payload, what), spec.namespaces());
        }
        if (payload == null || payload.isBlank()) {
            throw failure("the answer is empty, not JSON");
        }
        try {
            return json(CanonicalJson.MAPPER.readTree(payload));
        } catch (JsonProcessingException e) {
            throw new MappingException(MappingException.MAPPING_FAILED, prefix() + "the answer is not valid JSON: "
                    + e.getOriginalMessage() + " " + context(), e);
        }
    }

    private Payload json(JsonNode payload) {
        if (spec.formatKind() != MappingSpec.Format.JSON) {
            throw failure("the mapping reads " + spec.format() + ", so it cannot map a JSON tree");
        }
        if (payload == null || !payload.isContainerNode()) {
            throw failure("the answer is not a JSON object or list");
        }
        return new JsonPayload(payload);
    }

    private void checkSuccess(Payload payload) {
        Optional<MappingSpec.SuccessCheck> check = spec.success();
        if (check.isEmpty()) {
            return;
        }
        MappingSpec.SuccessCheck c = check.get();
        String value;
        String message = null;
        try {
            value = payload.read(payload.root(), c.path());
            if (c.messagePath() != null) {
                message = payload.read(payload.root(), c.messagePath());
            }
        } catch (Payload.Unreadable e) {
            throw failure("success path '" + c.path() + "' " + e.getMessage());
        }
        if (value == null) {
            throw failure("the answer has no success flag at '" + c.path() + "'");
        }
        if (!c.equals().contains(value)) {
            throw new MappingException(MappingException.PARTNER_ERROR, prefix() + "the partner reports a failure: '"
                    + c.path() + "' is " + Values.shown(null, value) + ", not " + String.join(" or ", c.equals())
                    + (message == null ? "" : "; its message: " + Values.shown(null, message)) + " " + context());
        }
    }

    // ------------------------------------------------------------------------------------------- errors

    private String prefix() {
        return "partner '" + partnerId + "': ";
    }

    private String context() {
        return "[mapping " + spec.sourceName() + "]";
    }

    private MappingException failure(String what) {
        return new MappingException(MappingException.MAPPING_FAILED, prefix() + what + " " + context());
    }

    /** One record or proof being filled: reads its values and explains any failure in full. */
    private final class Item {

        private final Payload payload;
        private final Object node;
        private final String where;
        /** Canonical field to "source = value", for explaining schema violations. */
        private final Map<String, String> trace = new LinkedHashMap<>();

        Item(Payload payload, Object node, String where) {
            this.payload = payload;
            this.node = node;
            this.where = where;
        }

        /** A text, enum, ID number, division or flag field; {@code null} only for an optional one. */
        String text(FieldSpec f, String name) {
            if (f == null) {
                return null;
            }
            String raw = raw(f, name);
            if (raw == null) {
                return null;
            }
            String v = decode(f, name, raw);
            CanonicalField target = f.target();
            return switch (target.kind()) {
                case ID_NUMBER -> require(Values.idNumber(v), f, name, raw, "is not an 18-character ID number");
                case DIVISION -> require(Values.division(v), f, name, raw,
                        "is not a division code (6, 9 or 12 digits)");
                case ENUM -> require(target.accepts(v) ? v : null, f, name, raw, "is not a valid " + target.name()
                        + " (allowed: " + String.join(", ", target.allowed())
                        + "); map the partner's codes with a code table");
                case BOOLEAN -> require(booleanText(v), f, name, raw,
                        "is not true or false; map the partner's flags with a code table");
                default -> v;
            };
        }

        LocalDate date(FieldSpec f, String name) {
            if (f == null) {
                return null;
            }
            String raw = raw(f, name);
            if (raw == null) {
                return null;
            }
            if (f.isConstant()) {
                return DatePattern.parseIso(raw);
            }
            for (DatePattern p : f.dates()) {
                LocalDate d = p.parse(raw);
                if (d != null) {
                    return d;
                }
            }
            throw fieldFailure(f, name, raw, "is not a date written "
                    + f.dates().stream().map(DatePattern::toString).collect(Collectors.joining(" or ")));
        }

        Amount amount(FieldSpec f) {
            if (f == null) {
                return null;
            }
            String raw = raw(f, "amount");
            if (raw == null) {
                return null;
            }
            String value;
            try {
                value = Values.amount(raw, f.unit());
            } catch (IllegalArgumentException e) {
                throw fieldFailure(f, "amount", raw, e.getMessage() + " (amounts here are in "
                        + f.unit().name().toLowerCase(Locale.ROOT) + ")");
            }
            return new Amount(value, Amount.CNY, text(f.period(), "amount.period"));
        }

        /** The source value (or constant), or {@code null} for a missing optional value. */
        private String raw(FieldSpec f, String name) {
            String raw;
            if (f.isConstant()) {
                raw = f.constant();
            } else {
                raw = read(f, name);
            }
            trace.put(name, "'" + name + "' from " + f.source() + " = " + Values.shown(f.target(), raw));
            if (raw == null && !f.optional()) {
                throw fieldFailure(f, name, null, "a required value is missing");
            }
            return raw;
        }

        private String read(FieldSpec f, String name) {
            Object from = f.fromRoot() ? payload.root() : node;
            if (f.paths().size() == 1) {
                return readOne(f, name, from, f.paths().get(0));
            }
            List<String> parts = new ArrayList<>(f.paths().size());
            boolean any = false;
            for (String p : f.paths()) {
                String v = readOne(f, name, from, p);
                any |= v != null;
                parts.add(v == null ? "" : v);
            }
            return any ? String.join("|", parts) : null;
        }

        private String readOne(FieldSpec f, String name, Object from, String path) {
            try {
                return payload.read(from, path);
            } catch (Payload.Unreadable e) {
                throw new MappingException(MappingException.MAPPING_FAILED, prefix() + where + ", field '" + name
                        + "', path '" + path + "': " + e.getMessage() + " " + context());
            }
        }

        private String decode(FieldSpec f, String name, String raw) {
            if (f.codes() == null) {
                return raw;
            }
            String v = f.codes().get(raw);
            if (v == null) {
                throw fieldFailure(f, name, raw, "is not a code in table '" + f.codeTable() + "' (known codes: "
                        + String.join(", ", f.codes().keySet()) + ")");
            }
            return v;
        }

        private String require(String converted, FieldSpec f, String name, String raw, String problem) {
            if (converted == null) {
                throw fieldFailure(f, name, raw, problem);
            }
            return converted;
        }

        private MappingException fieldFailure(FieldSpec f, String name, String raw, String problem) {
            return new MappingException(MappingException.MAPPING_FAILED, prefix() + where + ", field '" + name
                    + "', " + (f.isConstant() ? f.source() : "path '" + f.source() + "'") + ", value "
                    + Values.shown(f.target(), raw) + ": " + problem + " " + context());
        }

        /** Throws when the mapped record or proof breaks its canonical schema. */
        void conform(String schema, List<String> violations) {
            if (violations.isEmpty()) {
                return;
            }
            Set<String> fields = new LinkedHashSet<>();
            for (String v : violations) {
                Matcher m = VIOLATED_FIELD.matcher(v);
                String field = m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : "";
                fields.add(field);
                if (field.equals("category")) {
                    fields.add("assistanceType");
                }
            }
            String sources = fields.stream().map(trace::get).filter(Objects::nonNull)
                    .collect(Collectors.joining("; "));
            throw new MappingException(MappingException.MAPPING_FAILED, prefix() + where
                    + ": the mapped values break " + schema + ": " + String.join("; ", violations)
                    + (sources.isEmpty() ? "" : " (mapped " + sources + ")") + " " + context());
        }
    }

    private static String booleanText(String v) {
        if (v.equalsIgnoreCase("true")) {
            return "true";
        }
        if (v.equalsIgnoreCase("false")) {
            return "false";
        }
        return null;
    }
}
