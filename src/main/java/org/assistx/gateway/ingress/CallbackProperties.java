package org.assistx.gateway.ingress;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where status-change callbacks may go ({@code assistx.callbacks}): each township's registered base URLs
 * ({@code destinations.<township code>}); a request's {@code callbackUrl} must start with one of its own.
 * Loopback, link-local, private and other non-public addresses only with {@code allow-private-addresses};
 * {@code https-only} refuses plain http (on in {@code prod}).
 */
@ConfigurationProperties("assistx.callbacks")
public record CallbackProperties(Map<String, List<String>> destinations, boolean allowPrivateAddresses,
        boolean httpsOnly) {

    public CallbackProperties {
        destinations = destinations == null ? Map.of() : Map.copyOf(destinations);
    }
}
