package org.assistx.gateway.mapping;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The canonical fields a mapping may fill, with the kind of value each takes. This is the mapping's view
 * of DESIGN §6; the JSON Schemas stay the contract that every mapped record is finally checked against.
 */
record CanonicalField(String name, Kind kind, boolean nullable, List<String> allowed) {

    /** How a source value becomes a canonical value. */
    enum Kind {
        /** 18-character resident ID number; a lowercase check letter is upper-cased. */
        ID_NUMBER,
        /** Free text, trimmed. */
        TEXT,
        /** Division code; 12-digit statistical codes are cut to 9, trailing {@code 000} dropped. */
        DIVISION,
        /** One of {@link CanonicalField#allowed()}. */
        ENUM,
        /** A date, read with the field's date patterns. */
        DATE,
        /** A sum of money, read in the field's unit, with a period. */
        AMOUNT,
        /** {@code true} or {@code false}. */
        BOOLEAN
    }

    static final List<String> ASSISTANCE_TYPES = List.of("TEMPORARY", "DIBAO", "TEKUN");
    static final List<String> CATEGORIES = List.of("URBAN_DIBAO", "RURAL_DIBAO", "URBAN_TEKUN", "RURAL_TEKUN",
            "TEMPORARY");
    static final List<String> STATUSES = List.of("APPLIED", "ACTIVE", "SUSPENDED", "TERMINATED");
    static final List<String> PERIODS = List.of(Amount.MONTH, Amount.ONCE);
    static final List<String> BOOLEANS = List.of("true", "false");

    /** The period inside an amount: not a top-level field, but mapped and checked like one. */
    static final CanonicalField AMOUNT_PERIOD = new CanonicalField("amount.period", Kind.ENUM, false, PERIODS);

    /** Fields of {@link AssistanceRecord} a mapping fills ({@code sourceSystem} is set for the whole file). */
    static final Map<String, CanonicalField> RECORD = index(
            new CanonicalField("personIdNumber", Kind.ID_NUMBER, false, List.of()),
            new CanonicalField("personName", Kind.TEXT, true, List.of()),
            new CanonicalField("division", Kind.DIVISION, false, List.of()),
            new CanonicalField("assistanceType", Kind.ENUM, false, ASSISTANCE_TYPES),
            new CanonicalField("category", Kind.ENUM, false, CATEGORIES),
            new CanonicalField("status", Kind.ENUM, false, STATUSES),
            new CanonicalField("startDate", Kind.DATE, true, List.of()),
            new CanonicalField("endDate", Kind.DATE, true, List.of()),
            new CanonicalField("amount", Kind.AMOUNT, true, List.of()),
            new CanonicalField("sourceRecordId", Kind.TEXT, true, List.of()));

    /**
     * Fields of {@link NonReceiptProof} a mapping fills. {@code signatureVerified} is not nullable but
     * may be left out of a mapping: it is then {@code false}.
     */
    static final Map<String, CanonicalField> PROOF = index(
            new CanonicalField("documentNumber", Kind.TEXT, false, List.of()),
            new CanonicalField("personIdNumber", Kind.ID_NUMBER, false, List.of()),
            new CanonicalField("personName", Kind.TEXT, true, List.of()),
            new CanonicalField("issuerDivision", Kind.DIVISION, false, List.of()),
            new CanonicalField("issuerName", Kind.TEXT, true, List.of()),
            new CanonicalField("issuedOn", Kind.DATE, false, List.of()),
            new CanonicalField("validUntil", Kind.DATE, true, List.of()),
            new CanonicalField("statement", Kind.TEXT, true, List.of()),
            new CanonicalField("signatureVerified", Kind.BOOLEAN, false, BOOLEANS));

    /** Proof fields a mapping may leave out although they are never null. */
    static final Set<String> PROOF_DEFAULTED = Set.of("signatureVerified");

    private static Map<String, CanonicalField> index(CanonicalField... fields) {
        Map<String, CanonicalField> m = new LinkedHashMap<>();
        for (CanonicalField f : fields) {
            m.put(f.name(), f);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Whether a code table's or constant's value {@code v} is acceptable for this field at load time. */
    boolean accepts(String v) {
        return allowed.isEmpty() || allowed.contains(v);
    }
}
