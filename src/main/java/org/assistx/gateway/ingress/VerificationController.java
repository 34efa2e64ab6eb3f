package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/verifications}: townships submit verification requests and read their state (DESIGN §4). */
@RestController
@RequestMapping(path = "/api/v1/verifications", produces = MediaType.APPLICATION_JSON_VALUE)
public class VerificationController {

    private final ClientIdentityResolver identity;
    private final JsonBodyReader reader;
    private final IngressService ingress;
    private final TownshipVerifications verifications;

    public VerificationController(ClientIdentityResolver identity, JsonBodyReader reader, IngressService ingress,
            TownshipVerifications verifications) {
        this.identity = identity;
        this.reader = reader;
        this.ingress = ingress;
        this.verifications = verifications;
    }

    @PostMapping
    public ResponseEntity<JsonNode> submit(HttpServletRequest request) throws IOException {
        String org = identity.resolve(request);
        JsonNode body = reader.readObject(request.getInputStream(), request.getContentLengthLong());
        IngressService.Answer answer = ingress.submit(org, body);
        return ResponseEntity.status(answer.status()).body(answer.body());
    }

    @GetMapping("/{verificationId}")
    public JsonNode get(@PathVariable String verificationId, HttpServletRequest request) {
        String org = identity.resolve(request);
        return verifications.find(verificationId, org).orElseThrow(TownshipVerifications::notFound);
    }
}
