package org.assistx.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A township back-end system as the gateway sees it: plain HTTP with the demo identity header. Every exchange
 * is checked against the published contract ({@link ContractCheck}).
 */
public final class TownshipClient {

    /** An HTTP answer with its JSON body (or null when the body is not JSON). */
    public record Reply(int status, JsonNode body, String text) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;

    public TownshipClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public Reply post(String path, String org, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (org != null) {
            b.header("X-Client-Org", org);
        }
        return send(b.build(), body);
    }

    public Reply get(String path, String org) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (org != null) {
            b.header("X-Client-Org", org);
        }
        return send(b.build(), null);
    }

    private Reply send(HttpRequest request, String requestBody) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, String> requestHeaders = new HashMap<>();
            request.headers().map().forEach((k, v) -> requestHeaders.put(k, v.get(0)));
            Map<String, String> responseHeaders = new HashMap<>();
            r.headers().map().forEach((k, v) -> responseHeaders.put(k, v.get(0)));
            String path = request.uri().getRawPath()
                    + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery());
            ContractCheck.require(request.method(), path, requestHeaders, requestBody, r.statusCode(),
                    responseHeaders, r.body());
            JsonNode body = null;
            try {
                body = json.readTree(r.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new Reply(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The tour's request: hukou 610104003 (莲湖区北关街道), residence 610113001 (雁塔区小寨路街道). */
    public static String tourRequest(String requestId, String idNumber, String name) {
        return dibaoRequest(requestId, idNumber, name, "610104003", "RURAL");
    }

    /** A 低保 application at 610113001 (雁塔区小寨路街道) with a declaration and no proof, hukou as given. */
    public static String dibaoRequest(String requestId, String idNumber, String name, String hukouDivision,
            String hukouNature) {
        return """
            {"requestId": "%s", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
             "applicant": {"idNumber": "%s", "name": "%s", "hukouDivision": "%s", "hukouNature": "%s"},
             "residenceSince": "2026-01-15", "assistanceType": "DIBAO", "declarationOfNonReceipt": true,
             "emergency": null, "proofOfNonReceipt": null}
            """.formatted(requestId, idNumber, name, hukouDivision, hukouNature);
    }
}
