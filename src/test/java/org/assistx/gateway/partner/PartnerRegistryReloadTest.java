package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assistx.gateway.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload puts a new set in force only when every folder is valid; otherwise the old set stays. */
class PartnerRegistryReloadTest {

    @Test
    void anInvalidOrOverlappingFolderIsRefusedAndTheOldSetStays(@TempDir Path dir) throws IOException {
        copy(Path.of("routes", "partners", "guangdong-44"), dir.resolve("guangdong-44"));
        PartnerRegistry registry = new PartnerRegistry(new PartnerProperties(dir.toString(), null), List.of());
        assertThat(registry.load()).extracting(PartnerDescriptor::id).containsExactly("guangdong-44");

        // a copy that still covers 44
        copy(Path.of("routes", "partners", "guangdong-44"), dir.resolve("guangdong-44b"));
        Path copy = dir.resolve("guangdong-44b").resolve("partner.yaml");
        Files.writeString(copy, Files.readString(copy).replace("id: guangdong-44", "id: guangdong-44b"));
        assertThatThrownBy(registry::load).isInstanceOf(PartnerConfigException.class)
                .hasMessageContaining("'covers' prefix '44' is already covered by partner 'guangdong-44'");
        assertThat(registry.all()).extracting(PartnerRegistry.Partner::id).containsExactly("guangdong-44");

        // a sample that no longer maps to its expected result
        Files.writeString(copy, Files.readString(copy).replace("covers: [\"44\"]", "covers: [\"45\"]"));
        Path sample = dir.resolve("guangdong-44b").resolve("samples").resolve("receiving.json");
        Files.writeString(sample, Files.readString(sample).replace("121000", "121001"));
        assertThatThrownBy(registry::load).hasMessageContaining("receiving.json")
                .hasMessageContaining("does not map to receiving.expected.json");
        assertThat(registry.covering("450102001")).isEmpty();

        Files.writeString(sample, Files.readString(sample).replace("121001", "121000"));
        assertThat(registry.load()).extracting(PartnerDescriptor::id).containsExactly("guangdong-44", "guangdong-44b");
        assertThat(registry.covering("450102001")).map(PartnerRegistry.Partner::id).hasValue("guangdong-44b");
    }

    @Test
    void aFolderWithoutItsFixedFilesIsRefused(@TempDir Path dir) throws IOException {
        copy(Path.of("routes", "partners", "guangdong-44"), dir.resolve("guangdong-44"));
        Files.delete(dir.resolve("guangdong-44").resolve("README.md"));
        PartnerValidator.Report report = new PartnerValidator(List.of()).validate(dir.resolve("guangdong-44"));
        assertThat(report.ok()).isFalse();
        assertThat(report.problems()).anyMatch(p -> p.contains("README.md: missing"));
    }

    static void copy(Path from, Path to) throws IOException {
        GatewayTestSupport.copyTree(from, to);
    }
}
