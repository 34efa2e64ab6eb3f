package org.assistx.gateway.ingress;

import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The contract of the API, served as it is published: {@code docs/openapi.yaml} (copied into the jar at build
 * time) at {@code /api/v1/openapi.yaml}, browsable with Swagger UI at {@code /api-docs.html}. Open without a
 * login, like the township endpoints it describes.
 */
@RestController
public class ContractController {

    static final String CLASSPATH = "contract/openapi.yaml";
    private static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");

    private final byte[] openApi;

    public ContractController() throws IOException {
        try (InputStream in = new ClassPathResource(CLASSPATH).getInputStream()) {
            this.openApi = in.readAllBytes();
        }
    }

    @GetMapping("/api/v1/openapi.yaml")
    ResponseEntity<byte[]> openApi() {
        return ResponseEntity.ok().contentType(YAML).body(openApi);
    }
}
