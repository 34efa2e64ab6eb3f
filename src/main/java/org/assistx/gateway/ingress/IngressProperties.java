package org.assistx.gateway.ingress;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Limits on what townships may send ({@code assistx.ingress}). */
@Validated
@ConfigurationProperties("assistx.ingress")
public record IngressProperties(@Positive int maxBodyBytes) {
}
