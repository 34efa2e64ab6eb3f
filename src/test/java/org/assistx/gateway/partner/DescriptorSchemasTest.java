package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assistx.gateway.mapping.CanonicalSchemas;
import org.assistx.gateway.mapping.MappingException;
import org.assistx.gateway.mapping.MappingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The published descriptor schemas ({@code partner.schema.json}, {@code mapping.schema.json},
 * {@code simulator.schema.json}): they accept every shipped partner folder, the worked example and the test
 * fixtures, refuse the typical mistakes with the file, the JSON Pointer and the problem, describe every
 * property for an editor, and every shipped file names its schema for editor completion.
 */
class DescriptorSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> SCHEMA_OF = Map.of(
            "partner.yaml", CanonicalSchemas.PARTNER,
            "mapping.yaml", CanonicalSchemas.MAPPING,
            "simulator.yaml", CanonicalSchemas.SIMULATOR);

    static List<Path> descriptorFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path root : List.of(Path.of("routes", "partners"), Path.of("docs", "examples"),
                Path.of("src", "test", "resources"))) {
            try (Stream<Path> s = Files.walk(root)) {
                s.filter(p -> SCHEMA_OF.containsKey(p.getFileName().toString())).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @Test
    void everyShippedFolderTheWorkedExampleAndTheFixturesAreValid() throws IOException {
        List<Path> files = descriptorFiles();
        assertThat(files).as("partner, mapping and simulator files").hasSizeGreaterThanOrEqualTo(13);
        for (Path file : files) {
            JsonNode tree = PartnerDescriptorLoader.readYaml(file);
            assertThat(CanonicalSchemas.validateDescriptor(SCHEMA_OF.get(file.getFileName().toString()), tree))
                    .as("%s against its schema", file).isEmpty();
        }
    }

    @Test
    void everyShippedFileNamesItsSchemaForEditorCompletion() throws IOException {
        for (Path file : descriptorFiles()) {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            String schema = SCHEMA_OF.get(file.getFileName().toString());
            assertThat(first).as("first line of %s", file).startsWith("# yaml-language-server: $schema=")
                    .endsWith("schemas/" + schema);
            Path target = file.getParent().resolve(first.substring(first.indexOf('=') + 1)).normalize();
            assertThat(target).as("the schema %s names", file).isEqualTo(Path.of("docs", "schemas", schema));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {CanonicalSchemas.PARTNER, CanonicalSchemas.MAPPING, CanonicalSchemas.SIMULATOR})
    void everyPropertyHasATitleOrReferenceADescriptionAndExamples(String schema) throws IOException {
        JsonNode root = JSON.readTree(CanonicalSchemas.schemaText(schema));
        assertThat(root.path("title").asText()).isNotBlank();
        assertThat(root.path("description").asText()).isNotBlank();
        assertThat(root.path("examples").isArray()).isTrue();
        List<String> undescribed = new ArrayList<>();
        walk(root, "", undescribed);
        assertThat(undescribed).as("properties of %s without title, description or examples", schema).isEmpty();
        for (JsonNode example : root.path("examples")) {
            assertThat(CanonicalSchemas.validateDescriptor(schema, example)).as("the example of %s", schema).isEmpty();
        }
    }

    private static void walk(JsonNode node, String at, List<String> undescribed) {
        if (node.isObject()) {
            node.path("properties").fields().forEachRemaining(p -> {
                JsonNode s = p.getValue();
                boolean referenced = s.has("$ref");
                if (!s.hasNonNull("description") || !(referenced || (s.hasNonNull("title") && s.has("examples")))) {
                    undescribed.add(at + "/" + p.getKey());
                }
            });
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("if")) {                 // a condition, not a property
                    walk(e.getValue(), at + "/" + e.getKey(), undescribed);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, undescribed);
            }
        }
    }

    @Test
    void typicalMistakesInPartnerYamlAreRefusedWithFilePointerAndProblem(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("guangdong-44"));
        PartnerRegistryReloadTest.copy(Path.of("routes", "partners", "guangdong-44"), folder);
        Path file = folder.resolve("partner.yaml");
        String good = Files.readString(file, StandardCharsets.UTF_8);
        PartnerDescriptorLoader loader = new PartnerDescriptorLoader(name -> null);
        assertThat(loader.load(folder).id()).isEqualTo("guangdong-44");

        Files.writeString(file, good.replace("deadlineWorkingDays:", "deadlineWorkDays:"));     // a typo
        assertThatThrownBy(() -> loader.load(folder)).isInstanceOf(PartnerConfigException.class)
                .hasMessageContaining(file + ": (root): property 'deadlineWorkDays' is not defined in the schema")
                .hasMessageContaining("(partner.schema.json)");
        Files.writeString(file, good.replace("maximumRedeliveries: 6", "maximumRedeliveries: six"));  // wrong type
        assertThatThrownBy(() -> loader.load(folder))
                .hasMessageContaining(file + ": /retry/maximumRedeliveries: string found, integer expected");
        Files.writeString(file, good.replace("  signer: guangdong-44", ""));                   // missing required
        assertThatThrownBy(() -> loader.load(folder))
                .hasMessageContaining(file + ": /crypto: required property 'signer' not found");
        Files.writeString(file, good.replace("profile: ECDSA_P256", "profile: RSA"));           // not an enum value
        assertThatThrownBy(() -> loader.load(folder))
                .hasMessageContaining(file + ": /crypto/profile: does not have a value in the enumeration");
        Files.writeString(file, good.replace("deadlineWorkingDays: 10", "deadlineWorkingDays: 10\nsurprise: 1")
                .replace("maximumRedeliveries: 6", "maximumRedeliveries: 600"));
        assertThatThrownBy(() -> loader.load(folder)).isInstanceOfSatisfying(PartnerConfigException.class,
                e -> assertThat(e.problems()).as("every violation, not only the first").hasSize(2));
        // what only Java can check stays checked: the files named exist
        Files.writeString(file, good.replace("mapping: mapping.yaml", "mapping: missing.yaml"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'mapping'").hasMessageContaining("missing.yaml");
    }

    @Test
    void typicalMistakesInMappingYamlAreRefused() {
        String good = """
                format: json
                sourceSystem: T
                records:
                  path: /r
                  fields:
                    personIdNumber: {path: /id}
                    division: {path: /d}
                    assistanceType: {const: DIBAO}
                    category: {const: URBAN_DIBAO}
                    status: {path: /s, codes: s}
                codes:
                  s: {"1": ACTIVE}
                """;
        assertThat(MappingSpec.parse(good, "m.yaml").sourceSystem()).isEqualTo("T");
        assertThatThrownBy(() -> MappingSpec.parse(good.replace("path: /r", "pth: /r"), "m.yaml"))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("m.yaml: /records: property 'pth' is not defined in the schema")
                .hasMessageContaining("/records: required property 'path' not found");
        assertThatThrownBy(() -> MappingSpec.parse(good.replace("{path: /s, codes: s}", "{path: /s, optional: maybe}"),
                "m.yaml")).hasMessageContaining("/records/fields/status/optional: string found, boolean expected");
        assertThatThrownBy(() -> MappingSpec.parse(good.replace("    division: {path: /d}\n", ""), "m.yaml"))
                .hasMessageContaining("/records/fields: required property 'division' not found");
        // semantic: the code table named must exist and hold canonical values
        assertThatThrownBy(() -> MappingSpec.parse(good.replace("codes: s}", "codes: t}"), "m.yaml"))
                .hasMessageContaining("unknown code table 't'");
    }

    @Test
    void typicalMistakesInSimulatorYamlAreRefused() throws IOException {
        JsonNode good = PartnerDescriptorLoader.readYaml(Path.of("routes", "partners", "guangdong-44", "simulator.yaml"));
        assertThat(CanonicalSchemas.validateDescriptor(CanonicalSchemas.SIMULATOR, good)).isEmpty();
        ObjectNode typo = good.deepCopy();
        typo.set("answer", typo.remove("answers"));
        assertThat(CanonicalSchemas.validateDescriptor(CanonicalSchemas.SIMULATOR, typo))
                .containsExactly("(root): property 'answer' is not defined in the schema and the schema does not "
                        + "allow additional properties");
        ObjectNode noDefault = good.deepCopy();
        noDefault.remove("default");
        ((ObjectNode) noDefault.path("signer")).put("privateKey", 42);
        assertThat(CanonicalSchemas.validateDescriptor(CanonicalSchemas.SIMULATOR, noDefault))
                .containsExactly("(root): required property 'default' not found",
                        "/signer/privateKey: integer found, string expected");
    }

    @Test
    void validatePartnerChecksTheSimulatorFileToo(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("guangdong-44"));
        PartnerRegistryReloadTest.copy(Path.of("routes", "partners", "guangdong-44"), folder);
        PartnerValidator validator = new PartnerValidator(List.of());
        assertThat(validator.validate(folder).passed()).anyMatch(p -> p.contains("simulator.yaml: valid"));
        Path simulator = folder.resolve("simulator.yaml");
        Files.writeString(simulator, Files.readString(simulator, StandardCharsets.UTF_8).replace("request:", "requests:"));
        PartnerValidator.Report report = validator.validate(folder);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.startsWith(simulator + ": (root): property 'requests'"));
    }

    /**
     * The accepted message types a descriptor may name are the gateway's types a partner can receive: every
     * {@link org.assistx.gateway.envelope.MessageType} but the replies. A new type is added to the enum and here
     * alone, and this test says when the schema was forgotten.
     */
    @Test
    void theSchemaOffersEveryTypeAPartnerCanReceive() throws IOException {
        JsonNode schema = JSON.readTree(Files.readString(Path.of("src/main/resources/schemas/partner.schema.json")));
        List<String> offered = new ArrayList<>();
        schema.at("/properties/messageTypes/items/enum").forEach(t -> offered.add(t.asText()));
        var replies = org.assistx.gateway.envelope.MessageType.requestTypes().stream()
                .map(org.assistx.gateway.envelope.MessageType::replyType).toList();
        List<String> receivable = Stream.of(org.assistx.gateway.envelope.MessageType.values())
                .filter(t -> !replies.contains(t)).map(Enum::name).toList();
        assertThat(offered).containsExactlyInAnyOrderElementsOf(receivable);
    }
}
