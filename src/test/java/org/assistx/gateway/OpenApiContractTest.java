package org.assistx.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/openapi.yaml is a valid OpenAPI document (swagger-parser reads it without a message), and its
 * canonical record and proof schemas are the OpenAPI 3.0 form of the published JSON Schemas in docs/schemas/.
 */
class OpenApiContractTest {

    private static final Path CONTRACT = Path.of("docs/openapi.yaml");

    @Test
    void theContractParsesWithoutAMessage() {
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(CONTRACT.toUri().toString(), null, null);
        assertThat(result.getMessages()).isEmpty();
        assertThat(result.getOpenAPI().getPaths()).containsKey("/api/v1/verifications");
    }

    @Test
    void recordAndProofAreThePublishedSchemas() throws IOException {
        JsonNode schemas = new ObjectMapper(new YAMLFactory()).readTree(CONTRACT.toFile())
                .path("components").path("schemas");
        for (Map.Entry<String, String> e : Map.of("AssistanceRecord", "assistance-record.schema.json",
                "NonReceiptProof", "non-receipt-proof.schema.json").entrySet()) {
            JsonNode published = new ObjectMapper().readTree(Path.of("docs/schemas", e.getValue()).toFile());
            ObjectNode inContract = schemas.path(e.getKey()).deepCopy();
            assertThat(inContract.isEmpty()).as(e.getKey()).isFalse();
            inContract.remove("description");
            inContract.remove("nullable");
            ObjectNode expected = (ObjectNode) openApi30(published);
            expected.remove("description");
            assertThat(inContract).as(e.getKey() + " against docs/schemas/" + e.getValue()).isEqualTo(expected);
        }
    }

    /** JSON Schema 2020-12 to the OpenAPI 3.0 schema object: type arrays with null become nullable, const an enum. */
    static JsonNode openApi30(JsonNode n) {
        if (n.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            n.forEach(x -> out.add(openApi30(x)));
            return out;
        }
        if (!n.isObject()) {
            return n;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> f = it.next();
            switch (f.getKey()) {
                case "$schema", "$id", "allOf" -> { }
                case "type" -> {
                    if (f.getValue().isArray()) {
                        for (JsonNode t : f.getValue()) {
                            if (!t.asText().equals("null")) {
                                out.put("type", t.asText());
                            }
                        }
                        for (JsonNode t : f.getValue()) {
                            if (t.asText().equals("null")) {
                                out.put("nullable", true);
                            }
                        }
                    } else {
                        out.set("type", f.getValue());
                    }
                }
                case "const" -> out.putArray("enum").add(f.getValue());
                default -> out.set(f.getKey(), openApi30(f.getValue()));
            }
        }
        if (out.has("enum") && !out.has("type")) {
            out.put("type", "string");
        }
        return out;
    }
}
