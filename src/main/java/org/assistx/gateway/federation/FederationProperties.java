package org.assistx.gateway.federation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The federation settings ({@code assistx.federation}).
 *
 * @param enabled  whether this gateway takes part in a federation
 * @param memberId this gateway's own id in the directory
 * @param clientTls this gateway's client certificate towards other members' exchange endpoints
 */
@ConfigurationProperties("assistx.federation")
public record FederationProperties(boolean enabled, String memberId, DirectorySettings directory,
        ClientTls clientTls) {

    public FederationProperties {
        memberId = memberId == null ? "" : memberId.trim();
        directory = directory == null ? new DirectorySettings(null, null, null, null) : directory;
        clientTls = clientTls == null ? new ClientTls(null, null) : clientTls;
    }

    /**
     * This gateway's TLS client certificate (PEM chain) and key for the exchange endpoints of other members that
     * require mutual TLS (the {@code prod} profile does); none: no client certificate is presented.
     */
    public record ClientTls(Path certificate, Path privateKey) {
        public ClientTls {
            certificate = certificate == null || certificate.toString().isBlank() ? null : certificate;
            privateKey = privateKey == null || privateKey.toString().isBlank() ? null : privateKey;
        }
    }

    /**
     * @param source                 an {@code http(s)://} URL or a file path the signed directory is read from
     * @param authorityCertificates  PEM files of the directory authority certificates trusted to sign it
     * @param refreshInterval        how often it is read again
     * @param cacheFile              where the last good copy is kept
     */
    public record DirectorySettings(String source, List<Path> authorityCertificates, Duration refreshInterval,
            Path cacheFile) {
        public DirectorySettings {
            source = source == null ? "" : source.trim();
            authorityCertificates = authorityCertificates == null ? List.of() : List.copyOf(authorityCertificates);
            refreshInterval = refreshInterval == null ? Duration.ofMinutes(1) : refreshInterval;
        }
    }
}
