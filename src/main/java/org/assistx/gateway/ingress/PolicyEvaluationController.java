package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/policy/evaluate}: every policy check and the classification for a request from any
 * township in China, without storing or sending anything ({@link PolicyEvaluations}).
 */
@RestController
public class PolicyEvaluationController {

    private final ClientIdentityResolver identity;
    private final JsonBodyReader reader;
    private final PolicyEvaluations evaluations;

    public PolicyEvaluationController(ClientIdentityResolver identity, JsonBodyReader reader,
            PolicyEvaluations evaluations) {
        this.identity = identity;
        this.reader = reader;
        this.evaluations = evaluations;
    }

    @PostMapping(path = "/api/v1/policy/evaluate", produces = MediaType.APPLICATION_JSON_VALUE)
    public PolicyEvaluations.Evaluation evaluate(HttpServletRequest request) throws IOException {
        identity.resolve(request);
        return evaluations.evaluate(reader.readObject(request.getInputStream(), request.getContentLengthLong()));
    }
}
