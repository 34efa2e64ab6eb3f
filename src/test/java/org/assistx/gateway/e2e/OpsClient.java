package org.assistx.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** An operator's script or browser as the gateway sees it: plain HTTP, optionally with HTTP Basic. */
public final class OpsClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String base;
    private final String authorization;

    public OpsClient(int port) {
        this(port, null, null);
    }

    public OpsClient(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public TownshipClient.Reply get(String path) {
        return send(builder(path).GET().build());
    }

    public TownshipClient.Reply post(String path, String body) {
        HttpRequest.Builder b = builder(path).header("Content-Type", "application/json");
        return send(b.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public TownshipClient.Reply delete(String path) {
        return send(builder(path).DELETE().build());
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    public String header(String path, String name) {
        try {
            return http.send(builder(path).GET().build(), HttpResponse.BodyHandlers.discarding()).headers()
                    .firstValue(name).orElse(null);
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private TownshipClient.Reply send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = json.readTree(r.body());
            } catch (IOException notJson) {
                body = null;
            }
            return new TownshipClient.Reply(r.statusCode(), body, r.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
