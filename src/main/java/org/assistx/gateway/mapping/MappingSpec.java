package org.assistx.gateway.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A partner's {@code mapping.yaml}: how its answers become canonical records and proofs. Loading checks
 * the whole file (unknown keys, unknown canonical fields, unknown code tables, code values that are not
 * canonical values, bad date patterns, bad paths, required fields left out), so a partner whose mapping
 * loads can only fail later on the content of an answer, never on its own configuration.
 *
 * <p>The format is described in {@code docs/mapping.md}. Immutable and safe to share between threads.
 */
public final class MappingSpec {

    /** How a partner writes its answers. */
    enum Format {
        JSON, XML
    }

    /**
     * Where a list of records (or the proof) sits in an answer and how its fields are filled.
     *
     * @param path JSON Pointer or XPath of the records (or the proof) from the payload root
     * @param emptyWhenAbsent whether an answer without anything at {@code path} means "no records"
     *     (otherwise it is an error: a wrong path must not read as "not receiving")
     * @param fields canonical field name to how it is filled, in canonical order
     */
    record Section(String path, boolean emptyWhenAbsent, Map<String, FieldSpec> fields) {
    }

    /**
     * The partner's own success flag: the answer is mapped only when the value at {@code path} is one of
     * {@code equals}; otherwise the partner reported an error, whose text is at {@code messagePath}.
     */
    record SuccessCheck(String path, List<String> equals, String messagePath) {
    }

    private final String sourceName;
    private final Format format;
    private final String sourceSystem;
    private final Map<String, String> namespaces;
    private final SuccessCheck success;
    private final Section records;
    private final Section proof;

    MappingSpec(String sourceName, Format format, String sourceSystem, Map<String, String> namespaces,
            SuccessCheck success, Section records, Section proof) {
        this.sourceName = sourceName;
        this.format = format;
        this.sourceSystem = sourceSystem;
        this.namespaces = Map.copyOf(namespaces);
        this.success = success;
        this.records = records;
        this.proof = proof;
    }

    /**
     * Loads and checks a mapping file.
     *
     * @throws MappingException {@code MAPPING_SPEC_INVALID} naming the file, the key and the problem
     */
    public static MappingSpec load(Path mappingYaml) {
        Objects.requireNonNull(mappingYaml, "mappingYaml");
        String text;
        try {
            text = Files.readString(mappingYaml, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new MappingException(MappingException.SPEC_INVALID,
                    mappingYaml + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(text, mappingYaml.toString());
    }

    /**
     * Parses and checks a mapping held in memory.
     *
     * @param sourceName where the text came from (a file name), used in every error message
     * @throws MappingException {@code MAPPING_SPEC_INVALID} naming the source, the key and the problem
     */
    public static MappingSpec parse(String yaml, String sourceName) {
        return new SpecParser(sourceName == null ? "mapping" : sourceName).parse(yaml);
    }

    /** Where this mapping was loaded from (as given to {@link #load} or {@link #parse}). */
    public String sourceName() {
        return sourceName;
    }

    /** {@code json} or {@code xml}. */
    public String format() {
        return format.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The {@code sourceSystem} every record and proof mapped with this file carries. */
    public String sourceSystem() {
        return sourceSystem;
    }

    /** Whether this mapping has a {@code records} section. */
    public boolean mapsRecords() {
        return records != null;
    }

    /** Whether this mapping has a {@code proof} section. */
    public boolean mapsProof() {
        return proof != null;
    }

    Format formatKind() {
        return format;
    }

    Map<String, String> namespaces() {
        return namespaces;
    }

    Optional<SuccessCheck> success() {
        return Optional.ofNullable(success);
    }

    Optional<Section> records() {
        return Optional.ofNullable(records);
    }

    Optional<Section> proof() {
        return Optional.ofNullable(proof);
    }

    @Override
    public String toString() {
        return "MappingSpec[" + sourceName + ", " + format() + ", " + sourceSystem + "]";
    }
}
