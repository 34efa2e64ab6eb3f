package org.assistx.gateway.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks HTTP traffic against the published contract ({@code docs/openapi.yaml}, as the jar carries it) with
 * swagger-request-validator: every answer must be one the contract declares for its operation (status,
 * headers, body), and every request the gateway took ({@code 2xx}) must be one the contract allows. Requests
 * the gateway refused are not held to the contract: tests send broken ones on purpose.
 */
public final class ContractCheck {

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForInlineApiSpecification(contract()).withResolveCombinators(true).build();

    private ContractCheck() {
    }

    static String contract() {
        try (InputStream in = ContractCheck.class.getClassLoader().getResourceAsStream("contract/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("contract/openapi.yaml is not on the classpath (mvn process-resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problems of one exchange, empty when it keeps to the contract. */
    public static String problems(String method, String pathAndQuery, Map<String, String> requestHeaders,
            String requestBody, int status, Map<String, String> responseHeaders, String responseBody) {
        Request.Method m = Request.Method.valueOf(method);
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        ValidationReport report = VALIDATOR.validateResponse(path, m, response(status, responseHeaders, responseBody));
        if (status / 100 == 2) {
            SimpleRequest.Builder request = new SimpleRequest.Builder(m, path);
            requestHeaders.forEach(request::withHeader);
            if (requestBody != null) {
                request.withBody(requestBody);
            }
            if (q >= 0) {
                for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                    int eq = pair.indexOf('=');
                    request.withQueryParam(decode(eq < 0 ? pair : pair.substring(0, eq)),
                            eq < 0 ? "" : decode(pair.substring(eq + 1)));
                }
            }
            report = report.merge(VALIDATOR.validateRequest(request.build()));
        }
        return report.getMessages().stream().filter(msg -> msg.getLevel() == ValidationReport.Level.ERROR)
                .map(msg -> msg.getKey() + ": " + msg.getMessage()
                        + (msg.getAdditionalInfo().isEmpty() ? "" : " " + msg.getAdditionalInfo()))
                .collect(Collectors.joining("\n"));
    }

    /** Fails when the exchange breaks the contract. */
    public static void require(String method, String pathAndQuery, Map<String, String> requestHeaders,
            String requestBody, int status, Map<String, String> responseHeaders, String responseBody) {
        String problems = problems(method, pathAndQuery, requestHeaders, requestBody, status, responseHeaders,
                responseBody);
        if (!problems.isEmpty()) {
            throw new AssertionError("The exchange breaks docs/openapi.yaml: " + method + " " + pathAndQuery
                    + " -> " + status + "\n" + problems + "\nanswer: " + abbreviate(responseBody));
        }
    }

    private static SimpleResponse response(int status, Map<String, String> headers, String body) {
        SimpleResponse.Builder b = SimpleResponse.Builder.status(status);
        headers.forEach(b::withHeader);
        if (body != null && !body.isEmpty()) {
            b.withBody(body);
        }
        return b.build();
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000) + " …";
    }
}
