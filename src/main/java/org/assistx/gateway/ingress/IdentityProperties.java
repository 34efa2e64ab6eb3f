package org.assistx.gateway.ingress;

import java.time.Duration;
import java.util.List;
import org.assistx.gateway.crypto.RevocationLocations;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the sending organisation is known ({@code assistx.identity}). The header identity exists for the
 * demo only; production takes the organisation from the mTLS client certificate, and only from a township
 * client certificate ({@code client-certificates}).
 */
@ConfigurationProperties("assistx.identity")
public record IdentityProperties(boolean headerIdentityEnabled, ClientCertificates clientCertificates) {

    public IdentityProperties {
        clientCertificates = clientCertificates == null ? new ClientCertificates(null, null, null, null) : clientCertificates;
    }

    /**
     * Which client certificates identify a township: issued by one of {@code issuers} (the CAs that issue
     * township system certificates; PEM files, each may hold several), with extended key usage
     * {@code clientAuth}, valid now and not listed in any of {@code crls} (PEM files, read again every
     * {@code refresh}), nor revoked according to {@code revocation} (CRL locations fetched by the gateway, an
     * OCSP responder; see {@link RevocationLocations}). With no issuers configured, no client certificate
     * identifies anyone.
     */
    public record ClientCertificates(List<String> issuers, List<String> crls, Duration refresh,
            RevocationLocations revocation) {
        public ClientCertificates {
            revocation = revocation == null ? RevocationLocations.NONE : revocation;
            issuers = issuers == null ? List.of() : issuers.stream().filter(s -> !s.isBlank()).toList();
            crls = crls == null ? List.of() : crls.stream().filter(s -> !s.isBlank()).toList();
            refresh = refresh == null ? Duration.ofMinutes(5) : refresh;
        }
    }
}
