package org.assistx.gateway.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.mapping.AssistanceRecord;
import org.assistx.gateway.mapping.CanonicalSchemas;
import org.assistx.gateway.mapping.MappingException;
import org.assistx.gateway.mapping.NonReceiptProof;
import org.assistx.gateway.mapping.Outcomes;
import org.assistx.gateway.mapping.RecordMapper;

/**
 * Checks one partner folder the way the gateway will use it: the fixed set of files is there
 * ({@code partner.yaml}, {@code mapping.yaml}, {@code samples/}, {@code README.md}), the descriptor and its
 * request template are valid, the trust bundle reads (every file, see {@link TrustBundle}), the mapping loads, and every recorded sample maps
 * to its expected canonical result. The same check runs at start, on a reload through the operations API,
 * from the command line ({@code validate-partner}) and in the conformance test.
 */
public final class PartnerValidator {

    public static final String SAMPLES = "samples";
    public static final String README = "README.md";
    /** The built-in simulator's register, optional; its structure is checked here, its keys when it starts. */
    public static final String SIMULATOR = "simulator.yaml";
    private static final String EXPECTED = ".expected.json";

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final List<X509CRL> crls;

    public PartnerValidator(List<X509CRL> crls) {
        this.crls = List.copyOf(crls);
    }

    /**
     * What the check of one folder found.
     *
     * @param partner  the loaded partner when the descriptor and mapping are valid (else empty)
     * @param passed   the checks that passed, in words
     * @param problems each problem, naming the file, the field or sample, and what is wrong
     */
    public record Report(Path folder, Optional<PartnerRegistry.Partner> partner, List<String> passed,
            List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public Report validate(Path folder) {
        List<String> passed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String required : List.of(PartnerDescriptorLoader.DESCRIPTOR, README)) {
            if (!Files.isRegularFile(folder.resolve(required))) {
                problems.add(folder.resolve(required) + ": missing (every partner folder has partner.yaml, "
                        + "mapping.yaml, samples/ and README.md)");
            }
        }
        if (!problems.isEmpty()) {
            return new Report(folder, Optional.empty(), passed, problems);
        }
        PartnerRegistry.Partner partner;
        try {
            partner = PartnerRegistry.loadPartner(folder, crls);
        } catch (GatewayException e) {
            problems.add(e.getMessage());
            return new Report(folder, Optional.empty(), passed, problems);
        }
        PartnerDescriptor d = partner.descriptor();
        Path simulator = folder.resolve(SIMULATOR);
        if (Files.isRegularFile(simulator)) {
            try {
                PartnerDescriptorLoader.checkSchema(simulator, CanonicalSchemas.SIMULATOR,
                        PartnerDescriptorLoader.readYaml(simulator));
                passed.add(simulator + ": valid (" + CanonicalSchemas.SIMULATOR + ")");
            } catch (PartnerConfigException e) {
                problems.addAll(e.problems());
            }
        }
        passed.add(folder.resolve(PartnerDescriptorLoader.DESCRIPTOR) + ": valid (" + d.transport() + ", covers "
                + d.covers() + ", " + d.crypto().profile() + ", " + d.crypto().canonicalization() + ")");
        passed.add(folder.resolve(PartnerDescriptorLoader.DESCRIPTOR) + ": trust bundle read: "
                + partner.bundle().summary() + "; revocation: " + d.crypto().revocation().summary());
        if (d.request() != null) {
            passed.add(d.request().source() + ": valid request template (" + d.request().format() + ")");
        }
        passed.add(d.mappingFile() + ": valid mapping (" + partner.mapper().spec().format() + ", "
                + partner.mapper().spec().sourceSystem() + ")");
        List<Path> samples = samples(folder, problems);
        for (Path sample : samples) {
            try {
                replay(partner.mapper(), sample);
                passed.add(sample + ": maps to " + expectedFile(sample).getFileName());
            } catch (GatewayException | IOException e) {
                problems.add(sample + ": " + e.getMessage());
            }
        }
        return new Report(folder, problems.isEmpty() ? Optional.of(partner) : Optional.empty(), passed, problems);
    }

    private static List<Path> samples(Path folder, List<String> problems) {
        Path dir = folder.resolve(SAMPLES);
        if (!Files.isDirectory(dir)) {
            problems.add(dir + ": missing (recorded partner answers with their .expected.json results)");
            return List.of();
        }
        List<Path> found;
        try (Stream<Path> s = Files.list(dir)) {
            found = s.filter(p -> !p.getFileName().toString().endsWith(EXPECTED))
                    .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            problems.add(dir + ": cannot be listed: " + e.getMessage());
            return List.of();
        }
        if (found.isEmpty()) {
            problems.add(dir + ": holds no sample (<name>.json or <name>.xml with <name>" + EXPECTED + ")");
        }
        for (Path p : found) {
            if (!Files.isRegularFile(expectedFile(p))) {
                problems.add(p + ": has no expected result " + expectedFile(p).getFileName());
            }
        }
        return found.stream().filter(p -> Files.isRegularFile(expectedFile(p))).toList();
    }

    static Path expectedFile(Path sample) {
        String name = sample.getFileName().toString();
        return sample.resolveSibling(name.substring(0, name.lastIndexOf('.')) + EXPECTED);
    }

    /** Maps one sample and compares with its expected result; throws a {@link SampleMismatch} if it differs. */
    static void replay(RecordMapper mapper, Path sample) throws IOException {
        JsonNode expected = JSON.readTree(Files.readString(expectedFile(sample), StandardCharsets.UTF_8));
        String answer = Files.readString(sample, StandardCharsets.UTF_8);
        if (expected.has("error")) {
            String code = expected.path("error").path("code").asText();
            try {
                mapper.mapRecords(answer);
            } catch (MappingException e) {
                if (!e.code().equals(code)) {
                    throw new SampleMismatch("expected error " + code + ", got " + e.code() + ": " + e.getMessage());
                }
                for (JsonNode fragment : expected.path("error").path("messageContains")) {
                    if (!e.getMessage().contains(fragment.asText())) {
                        throw new SampleMismatch("the error does not mention '" + fragment.asText() + "': "
                                + e.getMessage());
                    }
                }
                return;
            }
            throw new SampleMismatch("expected error " + code + ", but the sample maps without error");
        }
        List<AssistanceRecord> records = mapper.spec().mapsRecords() ? mapper.mapRecords(answer) : List.of();
        Optional<NonReceiptProof> proof = mapper.mapProof(answer);
        ObjectNode actual = JSON.createObjectNode();
        actual.put("outcome", Outcomes.decide(records).name());
        actual.set("records", JSON.valueToTree(records));
        actual.set("proof", proof.<JsonNode>map(JSON::valueToTree).orElse(JSON.nullNode()));
        if (!actual.equals(expected)) {
            throw new SampleMismatch("does not map to " + expectedFile(sample).getFileName() + ": expected "
                    + expected + " but got " + actual);
        }
    }

    /** A sample that does not map to its expected result. */
    public static final class SampleMismatch extends GatewayException {
        SampleMismatch(String message) {
            super(Code.SAMPLE_MISMATCH, message);
        }
    }
}
