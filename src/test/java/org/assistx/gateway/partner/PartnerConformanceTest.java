package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assistx.gateway.crypto.Pem;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance test every partner folder under {@code routes/partners/} passes: the fixed set of files,
 * a valid descriptor (with its request template), a valid mapping, every sample replayed to its expected
 * canonical result, a README page naming the partner; and the whole set loads together (no two partners
 * cover the same prefix). Adding a folder adds its tests; nothing here changes.
 */
class PartnerConformanceTest {

    static final Path PARTNERS = Path.of("routes", "partners");
    static final List<java.security.cert.X509CRL> CRLS = List.of(
            Pem.readCrl(Path.of("certs-sample", "sm2", "issuing-ca.crl.pem")),
            Pem.readCrl(Path.of("certs-sample", "ecdsa", "issuing-ca.crl.pem")));

    static List<Path> folders() throws IOException {
        try (Stream<Path> s = Files.list(PARTNERS)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    @Test
    void theDefaultConfigurationHasTheThreePartners() throws IOException {
        assertThat(folders()).extracting(p -> p.getFileName().toString())
                .contains("xian-county-bureaus", "guangdong-44", "zhejiang-33");
    }

    @TestFactory
    Stream<DynamicNode> everyPartnerFolderConforms() throws IOException {
        List<DynamicNode> nodes = new ArrayList<>();
        PartnerValidator validator = new PartnerValidator(CRLS);
        for (Path folder : folders()) {
            String id = folder.getFileName().toString();
            nodes.add(DynamicContainer.dynamicContainer(id, Stream.of(
                    DynamicTest.dynamicTest("descriptor, mapping, request template and samples are valid", () -> {
                        PartnerValidator.Report report = validator.validate(folder);
                        assertThat(report.problems()).as("problems of %s", folder).isEmpty();
                        assertThat(report.passed()).anyMatch(p -> p.contains("maps to"));
                    }),
                    DynamicTest.dynamicTest("README.md is the partner's page", () ->
                            assertThat(Files.readString(folder.resolve("README.md"), StandardCharsets.UTF_8))
                                    .startsWith("# " + id)),
                    DynamicTest.dynamicTest("validate-partner accepts it", () -> {
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        int status = PartnerCheck.run(List.of(folder.toString()),
                                new PrintStream(out, true, StandardCharsets.UTF_8));
                        assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
                    }))));
        }
        return nodes.stream();
    }

    @Test
    void theWholeSetLoadsTogether() throws IOException {
        PartnerRegistry registry = new PartnerRegistry(new PartnerProperties(PARTNERS.toString(), null), CRLS);
        assertThat(registry.load()).extracting(PartnerDescriptor::id)
                .containsExactlyInAnyOrder(folders().stream().map(p -> p.getFileName().toString()).toArray(String[]::new));
        assertThat(registry.covering("440106003")).map(PartnerRegistry.Partner::id).hasValue("guangdong-44");
        assertThat(registry.covering("330106008")).map(PartnerRegistry.Partner::id).hasValue("zhejiang-33");
        assertThat(registry.covering("610104003")).map(PartnerRegistry.Partner::id).hasValue("xian-county-bureaus");
        assertThat(registry.covering("510104017")).isEmpty();
    }

}
