package org.assistx.gateway.ingress;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the sending organisation is known ({@code assistx.identity}). The header identity exists for the
 * demo only; production takes the organisation from the mTLS client certificate.
 */
@ConfigurationProperties("assistx.identity")
public record IdentityProperties(boolean headerIdentityEnabled) {
}
