package org.assistx.gateway.simulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The built-in partner simulators ({@code assistx.simulators}): on in the default configuration, off in
 * prod. Each signs with its own sample key from {@code certs-dir}.
 */
@ConfigurationProperties("assistx.simulators")
public record SimulatorProperties(boolean enabled, String certsDir) {

    public SimulatorProperties {
        certsDir = certsDir == null || certsDir.isBlank() ? "certs-sample" : certsDir;
    }
}
