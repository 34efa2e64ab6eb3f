package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assistx.gateway.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation from a location, with a PKI made by {@code openssl ca}: a CRL fetched over loopback HTTP (or
 * from a {@code file:} URL, or from the distribution point the certificate names), kept, refreshed, its last
 * good copy used while current and refused after its {@code nextUpdate}; an OCSP responder on loopback (set,
 * or named by the certificate) answering good and revoked, and an unreachable one failing closed.
 */
class RevocationLocationsTest {

    @TempDir
    static Path dir;
    static RevocationPki pki;

    MutableClock clock;

    @BeforeAll
    static void pki() throws Exception {
        pki = new RevocationPki(dir, "Revocation Test CA");
        pki.issue("good", "61");
        pki.issue("bad", "61");
        pki.revoke("bad");
    }

    @AfterAll
    static void stop() {
        pki.close();
    }

    @BeforeEach
    void up() {
        pki.crlUp(true);
        pki.ocspUp(true);
        clock = new MutableClock(Instant.now());
    }

    private CertificateValidator validator(RevocationLocations locations) {
        return new CertificateValidator(List.of(pki.ca()), List.of(), List.of(), locations.sources(clock));
    }

    private void accepted(CertificateValidator v, String name) {
        assertThatCode(() -> v.validate(pki.cert(name), List.of(), clock.instant())).doesNotThrowAnyException();
    }

    private void refused(CertificateValidator v, String name, String code) {
        assertThatThrownBy(() -> v.validate(pki.cert(name), List.of(), clock.instant()))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    @Test
    void aCrlFromAnHttpLocationRefusesTheRevokedAndKeepsItsLastGoodCopyUntilItsNextUpdate() {
        CertificateValidator v = validator(new RevocationLocations(List.of(pki.crlUrl()), null, Duration.ofHours(1), null));
        accepted(v, "good");
        refused(v, "bad", CryptoException.CERTIFICATE_REVOKED);

        pki.crlUp(false);
        clock.advance(Duration.ofHours(2));             // past the refresh interval: the fetch fails, the copy is current
        accepted(v, "good");
        refused(v, "bad", CryptoException.CERTIFICATE_REVOKED);

        clock.advance(Duration.ofHours(23));            // past the CRL's nextUpdate (24 hours): fail closed
        refused(v, "good", CryptoException.REVOCATION_UNAVAILABLE);
        refused(v, "bad", CryptoException.REVOCATION_UNAVAILABLE);

        pki.crlUp(true);                                // back: a fresh CRL (nextUpdate again ahead of the real now)
        clock = new MutableClock(Instant.now());
        CertificateValidator again = validator(new RevocationLocations(List.of(pki.crlUrl()), null, null, null));
        accepted(again, "good");
    }

    @Test
    void anUnreachableCrlLocationWithoutACopyFailsClosed() {
        pki.crlUp(false);
        CertificateValidator v = validator(new RevocationLocations(List.of(pki.crlUrl()), null, null, null));
        refused(v, "good", CryptoException.REVOCATION_UNAVAILABLE);
        CertificateValidator nowhere = validator(new RevocationLocations(List.of("http://127.0.0.1:9/ca.crl"), null, null,
                Duration.ofSeconds(2)));
        refused(nowhere, "good", CryptoException.REVOCATION_UNAVAILABLE);
    }

    @Test
    void aCrlFromAFileUrlAndFromTheCertificatesDistributionPoint() {
        CertificateValidator file = validator(new RevocationLocations(
                List.of(pki.dir.resolve("ca.crl").toUri().toString()), null, null, null));
        accepted(file, "good");
        refused(file, "bad", CryptoException.CERTIFICATE_REVOKED);

        CertificateValidator cdp = validator(new RevocationLocations(List.of(RevocationLocations.FROM_CERTIFICATE), null,
                null, null));
        accepted(cdp, "good");
        refused(cdp, "bad", CryptoException.CERTIFICATE_REVOKED);
    }

    @Test
    void ocspAtAConfiguredResponderOrTheOneTheCertificateNames() {
        for (String responder : List.of(pki.ocspUrl(), RevocationLocations.FROM_CERTIFICATE)) {
            CertificateValidator v = validator(new RevocationLocations(null, responder, null, null));
            int before = pki.ocspRequests();
            accepted(v, "good");
            refused(v, "bad", CryptoException.CERTIFICATE_REVOKED);
            assertThat(pki.ocspRequests()).as("the responder was asked").isEqualTo(before + 2);
        }
    }

    @Test
    void anUnreachableOrFailingOcspResponderFailsClosed() {
        pki.ocspUp(false);
        CertificateValidator v = validator(new RevocationLocations(null, pki.ocspUrl(), null, null));
        refused(v, "good", CryptoException.REVOCATION_UNAVAILABLE);
        CertificateValidator nowhere = validator(new RevocationLocations(null, "http://127.0.0.1:9/", null,
                Duration.ofSeconds(2)));
        refused(nowhere, "good", CryptoException.REVOCATION_UNAVAILABLE);
    }

    @Test
    void anOcspAnswerSignedByAnotherCaIsNotBelieved(@TempDir Path other) throws Exception {
        try (RevocationPki rogue = new RevocationPki(other, "Rogue CA")) {
            // the rogue CA's responder answers "good" for any serial, signed with the rogue key
            CertificateValidator v = validator(new RevocationLocations(null, rogue.ocspUrl(), null, null));
            refused(v, "bad", CryptoException.REVOCATION_UNAVAILABLE);
            refused(v, "good", CryptoException.REVOCATION_UNAVAILABLE);
        }
    }

    @Test
    void locationsMustBeHttpOrFileUrls() {
        assertThatThrownBy(() -> new RevocationLocations(List.of("ldap://x/crl"), null, null, null))
                .hasMessageContaining("ldap://x/crl");
        assertThatThrownBy(() -> new RevocationLocations(null, "file:/tmp/ocsp", null, null))
                .hasMessageContaining("http(s)://");
    }
}
