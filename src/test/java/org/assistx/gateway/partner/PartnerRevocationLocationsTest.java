package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.assistx.gateway.crypto.CryptoException;
import org.assistx.gateway.crypto.RevocationPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A partner folder that names a CRL location and an OCSP responder ({@code crypto.revocation}): the trust the
 * gateway checks the partner's replies with ({@code Partner.trust()}, used by the reply verification) asks
 * them; {@code validate-partner} says what it will ask; a bad location is refused with the field named.
 */
class PartnerRevocationLocationsTest {

    @TempDir
    static Path dir;
    static RevocationPki pki;

    @BeforeAll
    static void pki() throws Exception {
        pki = new RevocationPki(Files.createDirectory(dir.resolve("pki")), "Sichuan Test CA");
        pki.issue("sichuan-51", "51");
        pki.issue("sichuan-51-old", "51");
        pki.revoke("sichuan-51-old");
    }

    @AfterAll
    static void stop() {
        pki.close();
    }

    private static Path folder(String name, String revocation) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name).resolve("sichuan-51"));
        PartnerRegistryReloadTest.copy(IntegratorGuideExampleTest.EXAMPLE, folder);
        try (Stream<Path> old = Files.list(folder.resolve("trust"))) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Files.copy(pki.dir.resolve("ca.crt"), folder.resolve("trust").resolve("ca.pem"));
        Path descriptor = folder.resolve("partner.yaml");
        Files.writeString(descriptor, Files.readString(descriptor, StandardCharsets.UTF_8)
                .replace("  canonicalization: JCS\n", "  canonicalization: JCS\n" + revocation), StandardCharsets.UTF_8);
        return folder;
    }

    private static void refused(PartnerRegistry.Partner partner, String cert, String code) {
        assertThatThrownBy(() -> partner.trust().validate(pki.cert(cert), List.of(), Instant.now()))
                .isInstanceOfSatisfying(CryptoException.class, e -> assertThat(e.code()).as(e.getMessage()).isEqualTo(code));
    }

    @Test
    void aPartnersCrlLocationAndOcspResponderAreAskedAboutItsSigners() throws IOException {
        Path folder = folder("both", "  revocation:\n    crl: " + pki.crlUrl() + "\n    ocsp: " + pki.ocspUrl()
                + "\n    refresh: PT10M\n");
        PartnerValidator.Report report = new PartnerValidator(List.of()).validate(folder);
        assertThat(report.problems()).isEmpty();
        assertThat(report.passed()).anyMatch(p -> p.contains("revocation: CRL " + pki.crlUrl() + ", OCSP " + pki.ocspUrl()));
        PartnerRegistry.Partner partner = report.partner().orElseThrow();

        int asked = pki.ocspRequests();
        assertThatCode(() -> partner.trust().validate(pki.cert("sichuan-51"), List.of(), Instant.now()))
                .doesNotThrowAnyException();
        refused(partner, "sichuan-51-old", CryptoException.CERTIFICATE_REVOKED);
        assertThat(pki.ocspRequests()).isGreaterThan(asked);

        pki.ocspUp(false);
        try {
            refused(partner, "sichuan-51", CryptoException.REVOCATION_UNAVAILABLE);
        } finally {
            pki.ocspUp(true);
        }
    }

    @Test
    void theLocationsTheCertificatesNameAndAFileRelativeToTheFolder() throws IOException {
        PartnerRegistry.Partner fromCertificate = PartnerRegistry.loadPartner(
                folder("cert", "  revocation: {crl: certificate, ocsp: certificate}\n"), List.of());
        assertThatCode(() -> fromCertificate.trust().validate(pki.cert("sichuan-51"), List.of(), Instant.now()))
                .doesNotThrowAnyException();
        refused(fromCertificate, "sichuan-51-old", CryptoException.CERTIFICATE_REVOKED);

        Path folder = folder("file", "  revocation: {crl: \"file:crl/ca.crl\"}\n");
        Files.createDirectories(folder.resolve("crl"));
        Files.copy(pki.dir.resolve("ca.crl"), folder.resolve("crl").resolve("ca.crl"));
        PartnerRegistry.Partner fromFile = PartnerRegistry.loadPartner(folder, List.of());
        refused(fromFile, "sichuan-51-old", CryptoException.CERTIFICATE_REVOKED);
    }

    @Test
    void aLocationThatIsNotAUrlIsRefusedByTheSchemaWithItsPointer() throws IOException {
        Path folder = folder("bad", "  revocation: {crl: \"ldap://pki.sc.example/crl\"}\n");
        assertThatThrownBy(() -> new PartnerDescriptorLoader(n -> null).load(folder))
                .isInstanceOf(PartnerConfigException.class)
                .hasMessageContaining("/crypto/revocation/crl");
    }
}
