package org.assistx.gateway.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files: every partner folder under {@code src/test/resources/mapping/partners/} and
 * {@code routes/partners/} holds a
 * {@code mapping.yaml} and {@code samples/}: recorded answers ({@code <name>.json} or {@code <name>.xml})
 * each with {@code <name>.expected.json}, the verification result the answer must map to
 * ({@code {"outcome", "records", "proof"}}, as the API shows it) or the error it must end in
 * ({@code {"error": {"code", "messageContains": [...]}}}). Compared as JSON trees, not as text.
 *
 * <p>To add a partner format, add a folder; nothing in this class changes.
 */
class PartnerGoldenFilesTest {

    /** Serialises the way the application does (Spring's default: ISO dates). */
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    static Path partnersFolder() {
        try {
            return Path.of(PartnerGoldenFilesTest.class.getResource("/mapping/partners").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Test-only formats, and the partner folders the gateway really loads ({@code routes/partners/}). */
    static List<Path> partnerFolders() throws IOException {
        List<Path> folders = new ArrayList<>();
        for (Path root : List.of(partnersFolder(), Path.of("routes", "partners"))) {
            try (Stream<Path> s = Files.list(root)) {
                s.filter(p -> Files.isRegularFile(p.resolve("mapping.yaml"))).sorted().forEach(folders::add);
            }
        }
        return folders;
    }

    @Test
    void the_three_partner_formats_are_all_there() throws IOException {
        assertThat(partnerFolders()).extracting(p -> p.getFileName().toString())
                .contains("xian-county-bureaus", "gd-mz", "zj-mz");
    }

    @TestFactory
    Stream<DynamicNode> every_sample_of_every_partner_maps_to_its_golden_file() throws IOException {
        List<DynamicNode> partners = new ArrayList<>();
        for (Path folder : partnerFolders()) {
            String partnerId = folder.getFileName().toString();
            List<DynamicNode> samples = new ArrayList<>();
            samples.add(DynamicTest.dynamicTest("mapping.yaml loads", () -> MappingSpec.load(folder.resolve("mapping.yaml"))));
            for (Path sample : samples(folder)) {
                samples.add(DynamicTest.dynamicTest(sample.getFileName().toString(), () -> replay(folder, partnerId, sample)));
            }
            partners.add(DynamicContainer.dynamicContainer(partnerId, samples));
        }
        return partners.stream();
    }

    private static List<Path> samples(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder.resolve("samples"))) {
            List<Path> found = s.filter(p -> !p.getFileName().toString().endsWith(".expected.json"))
                    .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".xml"))
                    .sorted().toList();
            assertThat(found).as("samples of %s", folder).isNotEmpty();
            return found;
        }
    }

    private static void replay(Path folder, String partnerId, Path sample) throws IOException {
        RecordMapper mapper = new RecordMapper(MappingSpec.load(folder.resolve("mapping.yaml")), partnerId);
        String name = sample.getFileName().toString();
        Path expectedFile = sample.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected.json");
        assertThat(expectedFile).as("golden file next to %s", sample).exists();
        JsonNode expected = JSON.readTree(Files.readString(expectedFile, StandardCharsets.UTF_8));
        String answer = Files.readString(sample, StandardCharsets.UTF_8);

        if (expected.has("error")) {
            JsonNode error = expected.get("error");
            String[] fragments = JSON.convertValue(error.path("messageContains"), String[].class);
            assertThatThrownBy(() -> mapper.mapRecords(answer))
                    .isInstanceOf(MappingException.class)
                    .satisfies(e -> assertThat(((MappingException) e).code()).isEqualTo(error.get("code").asText()))
                    .hasMessageContainingAll(fragments == null ? new String[0] : fragments);
            return;
        }

        List<AssistanceRecord> records = mapper.mapRecords(answer);
        Optional<NonReceiptProof> proof = mapper.mapProof(answer);
        JsonNode actual = result(records, proof);
        if (!actual.equals(expected)) {
            fail("%s does not map to %s%nexpected:%n%s%nactual:%n%s", sample, expectedFile.getFileName(),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
        }

        // the golden records are themselves valid canonical documents and read back into equal records
        for (JsonNode r : expected.get("records")) {
            assertThat(CanonicalSchemas.validateRecord(r)).as("golden record %s", r).isEmpty();
        }
        assertThat(Arrays.asList(JSON.treeToValue(expected.get("records"), AssistanceRecord[].class)))
                .isEqualTo(records);
        if (!expected.get("proof").isNull()) {
            assertThat(CanonicalSchemas.validateProof(expected.get("proof"))).isEmpty();
            assertThat(JSON.treeToValue(expected.get("proof"), NonReceiptProof.class)).isEqualTo(proof.orElseThrow());
        }

        // a JSON answer already parsed (an envelope's payload) maps the same way
        if (mapper.spec().format().equals("json")) {
            JsonNode tree = JSON.readTree(answer);
            assertThat(mapper.mapRecords(tree)).isEqualTo(records);
            assertThat(mapper.mapProof(tree)).isEqualTo(proof);
        }
    }

    private static JsonNode result(List<AssistanceRecord> records, Optional<NonReceiptProof> proof) {
        ObjectNode result = JSON.createObjectNode();
        result.put("outcome", Outcomes.decide(records).name());
        result.set("records", JSON.valueToTree(records));
        result.set("proof", proof.<JsonNode>map(JSON::valueToTree).orElse(JSON.nullNode()));
        return result;
    }
}
