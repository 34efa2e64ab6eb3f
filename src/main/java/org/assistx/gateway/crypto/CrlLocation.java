package org.assistx.gateway.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CRL fetched from a location (see {@link RevocationLocations}) and kept: fetched again at its
 * {@code nextUpdate} or after {@code refresh}; a failed fetch keeps the last good copy until its
 * {@code nextUpdate}, after which checks fail closed. The CRL counts for the certificates of the CA that
 * signed it (signature verified); it says nothing about other CAs' certificates.
 */
class CrlLocation implements CertificateValidator.Revocation {

    private static final Logger log = LoggerFactory.getLogger(CrlLocation.class);
    /** How soon a failed fetch is tried again while the last good copy is still current. */
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final URI uri;
    private final Duration refresh;
    private final Duration timeout;
    private final Clock clock;
    private X509CRL crl;
    private Instant refreshAt = Instant.MIN;

    CrlLocation(URI uri, Duration refresh, Duration timeout, Clock clock) {
        this.uri = uri;
        this.refresh = refresh;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public void check(X509Certificate cert, X509Certificate issuer, boolean leaf) {
        X509CRL current = current();
        if (!current.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
            return;
        }
        if (!CertificateValidator.signedBy(current, issuer)) {
            throw new CryptoException(CryptoException.REVOCATION_UNAVAILABLE, "the CRL at " + uri
                    + " names the issuer of " + CertificateValidator.describe(cert) + " but is not signed by it");
        }
        Instant now = clock.instant();
        if (current.getNextUpdate() != null && !now.isBefore(current.getNextUpdate().toInstant())) {
            throw new CryptoException(CryptoException.REVOCATION_UNAVAILABLE, "the CRL at " + uri
                    + " is out of date (next update " + current.getNextUpdate().toInstant() + ", now " + now + ")");
        }
        X509CRLEntry entry = current.getRevokedCertificate(cert.getSerialNumber());
        if (entry != null) {
            throw new CryptoException(CryptoException.CERTIFICATE_REVOKED, CertificateValidator.describe(cert)
                    + " was revoked on " + entry.getRevocationDate().toInstant() + " (CRL at " + uri + ")");
        }
    }

    /** The CRL in force: the cached copy, or a fresh one when it is due. */
    synchronized X509CRL current() {
        Instant now = clock.instant();
        if (crl != null && now.isBefore(refreshAt)) {
            return crl;
        }
        try {
            X509CRL fresh = fetch();
            crl = fresh;
            Instant next = now.plus(refresh);
            if (fresh.getNextUpdate() != null) {
                Instant nextUpdate = fresh.getNextUpdate().toInstant();
                next = nextUpdate.isAfter(now) && nextUpdate.isBefore(next) ? nextUpdate
                        : nextUpdate.isAfter(now) ? next : now.plus(min(refresh, RETRY));
            }
            refreshAt = next;
            return crl;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            boolean current = crl != null
                    && (crl.getNextUpdate() == null || now.isBefore(crl.getNextUpdate().toInstant()));
            if (current) {
                refreshAt = now.plus(min(refresh, RETRY));
                log.warn("CRL at {} cannot be fetched ({}); the last copy stays in force until {}", uri, e.toString(),
                        crl.getNextUpdate() == null ? "a fetch succeeds" : crl.getNextUpdate().toInstant());
                return crl;
            }
            throw new CryptoException(CryptoException.REVOCATION_UNAVAILABLE, "the CRL at " + uri
                    + " cannot be fetched (" + e.getMessage() + ") and no copy still current is at hand", e);
        }
    }

    private X509CRL fetch() throws IOException, GeneralSecurityException {
        byte[] bytes;
        if ("file".equalsIgnoreCase(uri.getScheme())) {
            bytes = Files.readAllBytes(Path.of(uri));
        } else {
            bytes = send(HttpRequest.newBuilder(uri).GET(), timeout);
        }
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return (X509CRL) CertificateFactory.getInstance("X.509", BouncyCastle.provider()).generateCRL(in);
        }
    }

    /** The body of a {@code 200} answer to {@code request}, within {@code timeout}; redirects are not followed. */
    static byte[] send(HttpRequest.Builder request, Duration timeout) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The CRL distribution points (URIs) a certificate names. */
    static List<URI> distributionPoints(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.cRLDistributionPoints.getId());
        List<URI> uris = new ArrayList<>();
        if (ext == null) {
            return uris;
        }
        CRLDistPoint points = CRLDistPoint.getInstance(ASN1OctetString.getInstance(ext).getOctets());
        for (DistributionPoint point : points.getDistributionPoints()) {
            DistributionPointName name = point.getDistributionPoint();
            if (name == null || name.getType() != DistributionPointName.FULL_NAME) {
                continue;
            }
            for (GeneralName n : GeneralNames.getInstance(name.getName()).getNames()) {
                if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                    String u = n.getName().toString();
                    if (u.startsWith("http://") || u.startsWith("https://")) {
                        uris.add(URI.create(u));
                    }
                }
            }
        }
        return uris;
    }

    /**
     * The CRLs of the distribution points each certificate names, one cached {@link CrlLocation} per URL. A
     * certificate that names none is not checked this way, except the one being validated: told to use its
     * distribution points, the gateway fails closed when it names none.
     */
    static final class FromCertificate implements CertificateValidator.Revocation {

        private final Duration refresh;
        private final Duration timeout;
        private final Clock clock;
        private final Map<URI, CrlLocation> locations = new ConcurrentHashMap<>();

        FromCertificate(Duration refresh, Duration timeout, Clock clock) {
            this.refresh = refresh;
            this.timeout = timeout;
            this.clock = clock;
        }

        @Override
        public void check(X509Certificate cert, X509Certificate issuer, boolean leaf) {
            List<URI> points = distributionPoints(cert);
            if (points.isEmpty()) {
                if (leaf) {
                    throw new CryptoException(CryptoException.REVOCATION_UNAVAILABLE, CertificateValidator.describe(cert)
                            + " names no http(s) CRL distribution point");
                }
                return;
            }
            CryptoException last = null;
            for (URI point : points) {
                try {
                    locations.computeIfAbsent(point, p -> new CrlLocation(p, refresh, timeout, clock))
                            .check(cert, issuer, leaf);
                    return;
                } catch (CryptoException e) {
                    if (CryptoException.CERTIFICATE_REVOKED.equals(e.code())) {
                        throw e;
                    }
                    last = e;
                }
            }
            throw last;
        }
    }
}
