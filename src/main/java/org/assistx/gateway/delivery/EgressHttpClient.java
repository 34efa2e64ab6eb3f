package org.assistx.gateway.delivery;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.springframework.stereotype.Component;

/**
 * The HTTP client of the egress routes ({@code core-egress-*}, {@code httpClientConfigurer=#egressHttpClient}):
 * one attempt per round. Apache HttpClient would otherwise POST again by itself on a 503 or 429 and follow
 * redirects; here the outbox decides when to try again ({@link EgressOutbox}) and a 3xx is a failed attempt.
 */
@Component("egressHttpClient")
public class EgressHttpClient implements HttpClientConfigurer {

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.disableAutomaticRetries().disableRedirectHandling();
    }
}
