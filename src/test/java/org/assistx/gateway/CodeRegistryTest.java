package org.assistx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assistx.gateway.policy.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * The registry of stable codes ({@link Code}) is complete, is what the code uses, and is what the docs say.
 *
 * <p>{@code docs/codes.md} and the {@code Code} schema of {@code docs/openapi.yaml} are rendered from the
 * registry between their {@code codes:begin} / {@code codes:end} markers. After changing a code, rewrite
 * them with {@code mvn -q test -Dtest=CodeRegistryTest -Dassistx.docs.write=true}.
 */
class CodeRegistryTest {

    private static final Path TABLE = Path.of("docs", "codes.md");
    private static final Path OPENAPI = Path.of("docs", "openapi.yaml");
    private static final boolean WRITE = Boolean.getBoolean("assistx.docs.write");

    @Test
    void everyPolicyCodeIsARegistryCodeAnsweredWith422AndNoOther() {
        for (ErrorCode e : ErrorCode.values()) {
            assertThat(Code.find(e.name())).as("policy code %s in the registry Code", e).isPresent();
            assertThat(e.code().httpStatus()).as(e.name()).isEqualTo(422);
            assertThat(e.code().area()).as(e.name()).isEqualTo(Code.Area.POLICY);
        }
        Set<String> policy = Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());
        assertThat(Arrays.stream(Code.values()).filter(c -> c.area() == Code.Area.POLICY).map(Enum::name))
                .as("registry codes of the 422 set that policy.ErrorCode does not have").allMatch(policy::contains);
    }

    @Test
    void everyCodeHasAMeaningInBothLanguagesAndASoapFault() {
        for (Code c : Code.values()) {
            assertThat(c.chinese()).as(c.name()).isNotBlank().doesNotContain("|");
            assertThat(c.english()).as(c.name()).isNotBlank().doesNotContain("|");
            assertThat(c.soapFault()).as(c.name()).isIn("Client", "Server");
            assertThat(c.httpStatus()).as(c.name()).satisfiesAnyOf(s -> assertThat(s).isZero(),
                    s -> assertThat(s).isBetween(400, 599));
        }
    }

    @Test
    void mainCodeNamesNoCodeAsAStringLiteral() throws IOException {
        Set<String> names = Arrays.stream(Code.values()).map(Enum::name).collect(Collectors.toSet());
        Pattern literal = Pattern.compile("\"([A-Z][A-Z0-9_]*)\"");
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "java"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                if (p.getFileName().toString().equals("Code.java")) {
                    continue;
                }
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("//")) {
                        continue;
                    }
                    Matcher m = literal.matcher(line);
                    while (m.find()) {
                        if (names.contains(m.group(1))) {
                            found.add(p + ":" + (i + 1) + " \"" + m.group(1) + "\"");
                        }
                    }
                }
            }
        }
        assertThat(found).as("codes written as string literals; use org.assistx.gateway.Code").isEmpty();
    }

    @Test
    void theCodeTableInDocsIsCurrent() throws IOException {
        check(TABLE, "<!-- codes:begin -->", "<!-- codes:end -->", markdownTable());
    }

    @Test
    void theOpenApiListsEveryCode() throws IOException {
        check(OPENAPI, "      # codes:begin", "      # codes:end", openApiEnum());
    }

    /** The table of docs/codes.md, one section per area. */
    static String markdownTable() {
        StringBuilder out = new StringBuilder();
        for (Code.Area area : Code.Area.values()) {
            out.append("\n### ").append(area.title()).append("\n\n");
            out.append("| code | HTTP | SOAP fault | 含义 | meaning |\n|---|---|---|---|---|\n");
            for (Code c : Code.values()) {
                if (c.area() == area) {
                    out.append("| `").append(c.name()).append("` | ")
                            .append(c.httpStatus() == 0 ? "—" : Integer.toString(c.httpStatus())).append(" | ")
                            .append(c.soapFault()).append(" | ").append(c.chinese()).append(" | ")
                            .append(c.english()).append(" |\n");
                }
            }
        }
        return out.append('\n').toString();
    }

    /** The enum of the OpenAPI schema {@code Code}. */
    static String openApiEnum() {
        StringBuilder out = new StringBuilder("\n      type: string\n")
                .append("      description: A stable code; statuses and meanings in docs/codes.md.\n")
                .append("      enum:\n");
        for (Code c : Code.values()) {
            out.append("        - ").append(c.name()).append('\n');
        }
        return out.toString();
    }

    private static void check(Path file, String begin, String end, String rendered) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        assertThat(from).as(file + " has the marker " + begin).isNotNegative();
        assertThat(to).as(file + " has the marker " + end).isGreaterThan(from);
        int start = text.indexOf('\n', from);
        int stop = text.lastIndexOf('\n', to) + 1;
        String current = text.substring(start, stop);
        String wanted = rendered;
        if (WRITE && !current.equals(wanted)) {
            Files.writeString(file, text.substring(0, start) + wanted + text.substring(stop), StandardCharsets.UTF_8);
            return;
        }
        assertThat(current).as(file + " is rendered from org.assistx.gateway.Code; rewrite it with "
                + "mvn -q test -Dtest=CodeRegistryTest -Dassistx.docs.write=true").isEqualTo(wanted);
    }
}
