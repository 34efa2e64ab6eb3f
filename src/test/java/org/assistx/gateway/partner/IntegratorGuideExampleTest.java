package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The worked example of {@code docs/integrator-guide.md} is the folder {@code docs/examples/sichuan-51/}: every
 * code block the guide marks {@code <!-- example: <file> -->} is that file word for word, the folder holds
 * every file a partner folder needs, and it passes {@code validate-partner}. {@code e2e.FourthPartnerE2ETest}
 * puts the same folder live and sends requests through it.
 */
class IntegratorGuideExampleTest {

    static final Path EXAMPLE = Path.of("docs", "examples", "sichuan-51");
    private static final Pattern MARKED = Pattern.compile("<!-- example: (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n",
            Pattern.DOTALL);

    @Test
    void everyMarkedBlockOfTheGuideIsTheExampleFileWordForWord() throws IOException {
        String guide = Files.readString(Path.of("docs", "integrator-guide.md"), StandardCharsets.UTF_8);
        Matcher m = MARKED.matcher(guide);
        List<String> shown = new ArrayList<>();
        while (m.find()) {
            Path file = Path.of(m.group(1));
            assertThat(file).as("the guide shows %s", file).startsWith(EXAMPLE).isRegularFile();
            assertThat(m.group(2)).as("the guide's block for %s", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
            shown.add(EXAMPLE.relativize(file).toString());
        }
        assertThat(shown).contains("partner.yaml", "request-template.json", "mapping.yaml", "simulator.yaml",
                "samples/receiving.json", "samples/receiving.expected.json");
        assertThat(guide.split("<!-- example: ", -1)).as("every marker is followed by its block").hasSize(shown.size() + 1);
    }

    @Test
    void theExampleFolderIsCompleteAndValid() {
        for (String required : List.of("partner.yaml", "mapping.yaml", "simulator.yaml", "README.md",
                "request-template.json", "trust", "samples")) {
            assertThat(EXAMPLE.resolve(required)).exists();
        }
        PartnerValidator.Report report = new PartnerValidator(List.of()).validate(EXAMPLE);
        assertThat(report.problems()).isEmpty();
        assertThat(report.passed()).anyMatch(p -> p.contains("simulator.yaml: valid"))
                .anyMatch(p -> p.contains("receiving.json: maps to"))
                .anyMatch(p -> p.contains("proof-only.json: maps to"))
                .anyMatch(p -> p.contains("partner-error.json: maps to"));
        assertThat(report.partner().orElseThrow().descriptor().endpoint()).isEqualTo("/simulator/partners/sichuan-51");
    }
}
