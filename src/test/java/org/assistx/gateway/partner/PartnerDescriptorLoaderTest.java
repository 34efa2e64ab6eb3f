package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partner folder that is invalid is refused with the file, the field and the problem. */
class PartnerDescriptorLoaderTest {

    final PartnerDescriptorLoader loader = new PartnerDescriptorLoader();

    @Test
    void theShippedCountyBureausDescriptorLoads() {
        PartnerDescriptor d = loader.load(Path.of("routes", "partners", "xian-county-bureaus"));
        assertThat(d.id()).isEqualTo("xian-county-bureaus");
        assertThat(d.covers()).containsExactly("6101");
        assertThat(d.transport()).isEqualTo(PartnerDescriptor.Transport.SOAP);
        assertThat(d.coverage("610104003")).isEqualTo(4);
        assertThat(d.coverage("440106001")).isEqualTo(-1);
    }

    @Test
    void errorsNameFileFieldAndProblem(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("broken-partner"));
        String good = Files.readString(Path.of("routes", "partners", "xian-county-bureaus", "partner.yaml"))
                .replace("id: xian-county-bureaus", "id: broken-partner");
        Files.writeString(folder.resolve("mapping.yaml"), "format: json\n");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("covers: [\"6101\"]", "covers: [\"61A\"]"));
        assertThatThrownBy(() -> loader.load(folder)).isInstanceOf(PartnerConfigException.class)
                .hasMessageContaining("partner.yaml").hasMessageContaining("'covers'").hasMessageContaining("61A");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("transport: SOAP", "transport: FAX"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'transport'").hasMessageContaining("FAX");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("response: PT30S", "response: 30 seconds"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'timeouts.response'");

        Files.writeString(folder.resolve("partner.yaml"), good + "\nsurprise: true\n");
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'surprise'");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("id: broken-partner", "id: other-name"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("folder name");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("mapping: mapping.yaml", "mapping: nope.yaml"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'mapping'").hasMessageContaining("nope.yaml");
    }
}
