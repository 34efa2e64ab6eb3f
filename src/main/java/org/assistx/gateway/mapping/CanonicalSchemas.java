package org.assistx.gateway.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * The JSON Schemas (draft 2020-12) of the canonical formats: {@value #RECORD}, {@value #PROOF} and
 * {@value #ENVELOPE} (DESIGN §5, §6). The schema files are the single source of truth: they are read
 * from the classpath folder {@value #CLASSPATH_FOLDER} ({@code src/main/resources/schemas/}), and
 * {@code docs/schemas/} holds the published copies, kept identical by a test.
 *
 * <p>Each {@code validate…} method returns the violations, one readable line each, or an empty list
 * when the document is valid: the JSON Pointer of the offending value first ({@code /amount/value},
 * {@value #ROOT} for the document itself), then English text; sorted. Format assertions ({@code date},
 * {@code date-time}) are on.
 */
public final class CanonicalSchemas {

    public static final String RECORD = "assistance-record.schema.json";
    public static final String PROOF = "non-receipt-proof.schema.json";
    public static final String ENVELOPE = "envelope.schema.json";
    /** The descriptors of a partner folder: {@code partner.yaml}, {@code mapping.yaml}, {@code simulator.yaml}. */
    public static final String PARTNER = "partner.schema.json";
    public static final String MAPPING = "mapping.schema.json";
    public static final String SIMULATOR = "simulator.schema.json";
    /** Every schema this class serves, canonical formats and descriptors. */
    public static final List<String> ALL = List.of(RECORD, PROOF, ENVELOPE, PARTNER, MAPPING, SIMULATOR);
    /** Where the schema files are on the classpath. */
    public static final String CLASSPATH_FOLDER = "/schemas/";
    /** How a violation of the document as a whole (e.g. a missing property) is located. */
    public static final String ROOT = "(root)";

    private CanonicalSchemas() {
    }

    /** Violations of {@value #RECORD} by a canonical assistance record. */
    public static List<String> validateRecord(JsonNode record) {
        return validate(Loaded.RECORD_SCHEMA, record);
    }

    /** Violations of {@value #PROOF} by a canonical proof of non-receipt. */
    public static List<String> validateProof(JsonNode proof) {
        return validate(Loaded.PROOF_SCHEMA, proof);
    }

    /** Violations of {@value #ENVELOPE} by a message envelope (header, payload, signature). */
    public static List<String> validateEnvelope(JsonNode envelope) {
        return validate(Loaded.ENVELOPE_SCHEMA, envelope);
    }

    /**
     * Violations of a descriptor schema ({@value #PARTNER}, {@value #MAPPING} or {@value #SIMULATOR}) by a
     * YAML file read as a tree: the structural check of a partner folder; what needs more than one file
     * (references, certificates, division codes) is checked in Java by the loaders.
     */
    public static List<String> validateDescriptor(String schemaFile, JsonNode document) {
        JsonSchema schema = switch (schemaFile) {
            case PARTNER -> Descriptors.PARTNER_SCHEMA;
            case MAPPING -> Descriptors.MAPPING_SCHEMA;
            case SIMULATOR -> Descriptors.SIMULATOR_SCHEMA;
            default -> throw new GatewayException(Code.SCHEMA_UNAVAILABLE, "no descriptor schema is called " + schemaFile);
        };
        return validate(schema, document);
    }

    /** The text of one of the schema files, as published. */
    public static String schemaText(String fileName) {
        try (InputStream in = open(fileName)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new GatewayException(Code.SCHEMA_UNAVAILABLE, "schema " + fileName + " cannot be read", e);
        }
    }

    private static List<String> validate(JsonSchema schema, JsonNode document) {
        if (document == null || document.isMissingNode()) {
            return List.of(ROOT + ": no document");
        }
        Set<ValidationMessage> messages = schema.validate(document);
        return messages.stream().map(ValidationMessage::getMessage)
                .map(m -> m.startsWith(":") ? ROOT + m : m)
                .sorted().toList();
    }

    private static InputStream open(String fileName) {
        if (!ALL.contains(fileName)) {
            throw new GatewayException(Code.SCHEMA_UNAVAILABLE, "no canonical schema is called " + fileName);
        }
        InputStream in = CanonicalSchemas.class.getResourceAsStream(CLASSPATH_FOLDER + fileName);
        if (in == null) {
            throw new GatewayException(Code.SCHEMA_UNAVAILABLE, "schema " + CLASSPATH_FOLDER + fileName
                    + " is not on the classpath");
        }
        return in;
    }

    /** The compiled schemas, loaded on first use; compiled schemas are thread-safe. */
    private static final class Loaded {

        private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
                .formatAssertionsEnabled(true)
                .locale(Locale.ENGLISH)
                .build();

        static final JsonSchema RECORD_SCHEMA = compile(RECORD);
        static final JsonSchema PROOF_SCHEMA = compile(PROOF);
        static final JsonSchema ENVELOPE_SCHEMA = compile(ENVELOPE);

        static JsonSchema compile(String fileName) {
            try {
                JsonNode node = CanonicalJson.MAPPER.readTree(schemaText(fileName));
                JsonSchema schema = FACTORY.getSchema(node, CONFIG);
                schema.initializeValidators();
                return schema;
            } catch (IOException e) {
                throw new GatewayException(Code.SCHEMA_UNAVAILABLE, "schema " + fileName + " is not valid JSON", e);
            }
        }
    }

    /** The descriptor schemas, compiled on first use (not needed by a gateway that only maps answers). */
    private static final class Descriptors {
        static final JsonSchema PARTNER_SCHEMA = Loaded.compile(PARTNER);
        static final JsonSchema MAPPING_SCHEMA = Loaded.compile(MAPPING);
        static final JsonSchema SIMULATOR_SCHEMA = Loaded.compile(SIMULATOR);
    }
}
