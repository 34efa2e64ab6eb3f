package org.assistx.gateway.partner;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where partner folders live ({@code assistx.partners}) and the base URL that relative partner endpoints
 * (the built-in simulators) resolve against; empty means this process on its actual port.
 */
@Validated
@ConfigurationProperties("assistx.partners")
public record PartnerProperties(@NotBlank String directory, String localBaseUrl) {
}
