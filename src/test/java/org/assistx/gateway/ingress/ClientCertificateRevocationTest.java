package org.assistx.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.assistx.gateway.crypto.RevocationLocations;
import org.assistx.gateway.crypto.RevocationPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Township client certificates checked against a CRL location and an OCSP responder
 * ({@code assistx.identity.client-certificates.revocation}), with a township CA made by {@code openssl ca}:
 * a revoked certificate is 401 {@code CLIENT_CERTIFICATE_REVOKED}, a good one identifies its township, and
 * when the responder cannot answer the certificate is refused (fail closed), the message naming
 * {@code REVOCATION_UNAVAILABLE}.
 */
class ClientCertificateRevocationTest {

    @TempDir
    static Path dir;
    static RevocationPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = new RevocationPki(dir, "Township Test CA");
        pki.issue("610113001", "610113001");
        pki.issue("610113002", "610113002");
        pki.revoke("610113002");
    }

    @AfterAll
    static void stop() {
        pki.close();
    }

    private static ClientCertificates certificates(RevocationLocations revocation) {
        return new ClientCertificates(new IdentityProperties(false, new IdentityProperties.ClientCertificates(
                List.of(pki.dir.resolve("ca.crt").toString()), List.of(), null, revocation)), Clock.systemUTC());
    }

    private static IngressException refusal(ClientCertificates c, String name) {
        X509Certificate cert = pki.cert(name);
        return (IngressException) org.assertj.core.api.Assertions.catchThrowable(
                () -> c.requireTownshipCertificate(new X509Certificate[] {cert}));
    }

    @Test
    void ocspWhereConfigured() {
        ClientCertificates c = certificates(new RevocationLocations(null, pki.ocspUrl(), null, null));
        assertThatCode(() -> c.requireTownshipCertificate(new X509Certificate[] {pki.cert("610113001")}))
                .doesNotThrowAnyException();
        IngressException revoked = refusal(c, "610113002");
        assertThat(revoked.status().value()).isEqualTo(401);
        assertThat(revoked.code()).isEqualTo(ClientCertificates.REVOKED);

        pki.ocspUp(false);
        try {
            IngressException unavailable = refusal(c, "610113001");
            assertThat(unavailable.status().value()).isEqualTo(401);
            assertThat(unavailable.code()).isEqualTo(ClientCertificates.REFUSED);
            assertThat(unavailable.getMessage()).contains("REVOCATION_UNAVAILABLE");
        } finally {
            pki.ocspUp(true);
        }
    }

    @Test
    void aCrlLocationFetchedByTheGateway() {
        ClientCertificates c = certificates(new RevocationLocations(List.of(pki.crlUrl()), null, null, null));
        assertThatCode(() -> c.requireTownshipCertificate(new X509Certificate[] {pki.cert("610113001")}))
                .doesNotThrowAnyException();
        assertThat(refusal(c, "610113002").code()).isEqualTo(ClientCertificates.REVOKED);
    }

    @Test
    void withoutRevocationLocationsOnlyTheCrlFilesCount() {
        ClientCertificates c = certificates(null);
        assertThatCode(() -> c.requireTownshipCertificate(new X509Certificate[] {pki.cert("610113002")}))
                .as("no CRL file and no location configured: nothing says it is revoked").doesNotThrowAnyException();
        assertThatThrownBy(() -> new RevocationLocations(List.of("ftp://x/crl"), null, null, null))
                .hasMessageContaining("ftp://x/crl");
    }
}
