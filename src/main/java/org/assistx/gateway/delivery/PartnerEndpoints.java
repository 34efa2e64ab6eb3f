package org.assistx.gateway.delivery;

import org.assistx.gateway.partner.PartnerProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Resolves partner endpoints: an absolute URL as is, a path against this process (the built-in simulators). */
@Component
public class PartnerEndpoints {

    private final PartnerProperties properties;
    private final Environment environment;

    public PartnerEndpoints(PartnerProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    public String address(String endpoint) {
        if (!endpoint.startsWith("/")) {
            return endpoint;
        }
        String base = properties.localBaseUrl();
        if (base == null || base.isBlank()) {
            base = "http://127.0.0.1:" + environment.getProperty("local.server.port",
                    environment.getProperty("server.port", "8080"));
        }
        return base + endpoint;
    }
}
