package org.assistx.gateway.ingress;

import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.assistx.gateway.Code;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoException;
import org.assistx.gateway.crypto.Pem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Which mTLS client certificates identify a township ({@code assistx.identity.client-certificates}). The
 * TLS handshake only proves that the caller holds a key certified by a CA the server trusts; a certificate
 * identifies a township here only when it chains to one of the configured township issuing CAs (signature
 * verified), carries extended key usage {@code clientAuth} (so the gateway's own and partners' signing
 * certificates, issued without it, never identify a caller), is valid now and is not revoked by a CRL of
 * its issuer. The CRL files are read again every {@code refresh}, so a new CRL takes effect without a
 * restart. With {@code revocation} configured, the gateway also fetches CRLs from their locations (kept
 * and refreshed, see {@link RevocationLocations}) and asks the OCSP responder about each client certificate;
 * when neither can answer the certificate is refused ({@value #REFUSED}, the message naming
 * {@code REVOCATION_UNAVAILABLE}): fail closed. Refusals are 401 {@value #REVOKED} or {@value #REFUSED},
 * recorded as refusals.
 */
@Component
public class ClientCertificates {

    /** A client certificate listed in its issuer's CRL. */
    public static final String REVOKED = Code.CLIENT_CERTIFICATE_REVOKED.name();
    /** A client certificate that is not a valid township client certificate (issuer, usage, validity). */
    public static final String REFUSED = Code.CLIENT_CERTIFICATE_REFUSED.name();

    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    private static final Logger log = LoggerFactory.getLogger(ClientCertificates.class);

    private final IdentityProperties.ClientCertificates properties;
    private final Clock clock;
    private final List<CertificateValidator.Revocation> online;
    private volatile CertificateValidator validator;

    public ClientCertificates(IdentityProperties identity, Clock clock) {
        this.properties = identity.clientCertificates();
        this.clock = clock;
        this.online = properties.revocation().sources(clock);    // created once: the fetched CRLs stay cached
        this.validator = load();
    }

    /** Reads the issuers and CRLs again; a file that cannot be read keeps the previous set in force. */
    public void refresh() {
        try {
            validator = load();
        } catch (CryptoException e) {
            log.error("Client certificate issuers or CRLs not reloaded, the previous ones stay in force: {}",
                    e.getMessage());
        }
    }

    private CertificateValidator load() {
        List<X509Certificate> issuers = new ArrayList<>();
        properties.issuers().forEach(f -> issuers.addAll(Pem.readCertificates(Path.of(f))));
        List<X509CRL> crls = new ArrayList<>();
        properties.crls().forEach(f -> crls.addAll(Pem.readBundle(Path.of(f)).crls()));
        return new CertificateValidator(issuers, List.of(), crls, online);
    }

    /** Whether any township issuing CA is configured (else client certificates identify no one). */
    public boolean configured() {
        return !properties.issuers().isEmpty();
    }

    /**
     * Refuses (401) a client certificate that is not a valid, unrevoked township client certificate.
     *
     * @param chain the certificates the client presented, its own first
     */
    public void requireTownshipCertificate(X509Certificate[] chain) {
        X509Certificate leaf = chain[0];
        if (!configured()) {
            throw refused(REFUSED, "no township issuing CA is configured");
        }
        List<X509Certificate> presented = chain.length > 1 ? List.of(chain).subList(1, chain.length) : List.of();
        try {
            validator.validate(leaf, presented, clock.instant());
        } catch (CryptoException e) {
            throw refused(CryptoException.CERTIFICATE_REVOKED.equals(e.code()) ? REVOKED : REFUSED,
                    CryptoException.REVOCATION_UNAVAILABLE.equals(e.code()) ? e.code() + ": " + e.getMessage()
                            : e.getMessage());
        }
        try {
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages == null || !usages.contains(CLIENT_AUTH)) {
                throw refused(REFUSED, "'" + leaf.getSubjectX500Principal().getName()
                        + "' is not a client certificate (no extended key usage clientAuth)");
            }
        } catch (CertificateParsingException e) {
            throw refused(REFUSED, "its extended key usage cannot be read");
        }
    }

    private static IngressException refused(String code, String why) {
        return new IngressException(HttpStatus.UNAUTHORIZED, code, null,
                "客户端证书不能证明调用方身份。 / The client certificate does not identify a township: " + why);
    }
}
