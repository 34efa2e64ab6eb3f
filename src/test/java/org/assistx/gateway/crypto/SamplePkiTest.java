package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator still produces the layout that certs-sample/README.md describes, and a working PKI. */
class SamplePkiTest {

    private static final Set<String> COMMON = Set.of("root-ca.pem", "root-ca.key.pem", "root-ca.crl.pem",
            "issuing-ca.pem", "issuing-ca.key.pem", "issuing-ca.crl.pem", "rogue-ca.pem", "rogue-ca.key.pem",
            "gateway.crt.pem", "gateway.key.pem", "expired.crt.pem", "expired.key.pem",
            "revoked.crt.pem", "revoked.key.pem", "untrusted.crt.pem", "untrusted.key.pem");

    @TempDir
    Path dir;

    @Test
    void generatesTheDocumentedLayout() throws Exception {
        SamplePki.main(new String[] {dir.toString()});

        Set<String> parties = union(COMMON, "county-bureau-6101.crt.pem", "county-bureau-6101.key.pem",
                "zhejiang-33.crt.pem", "zhejiang-33.key.pem", "guangdong-44.crt.pem", "guangdong-44.key.pem",
                "610113001.crt.pem", "610113001.key.pem", "610113002.crt.pem", "610113002.key.pem",
                "610104003.crt.pem", "610104003.key.pem");
        assertThat(names(dir.resolve("sm2"))).containsExactlyInAnyOrderElementsOf(parties);
        assertThat(names(dir.resolve("ecdsa"))).containsExactlyInAnyOrderElementsOf(parties);
        // the committed copy has the same layout, plus the integrator guide's worked example key, which
        // make-certs.sh issues with OpenSSL from the ECDSA issuing CA as the guide tells an integrator to
        assertThat(names(Path.of("certs-sample", "sm2"))).isEqualTo(names(dir.resolve("sm2")));
        assertThat(names(Path.of("certs-sample", "ecdsa")))
                .isEqualTo(union(names(dir.resolve("ecdsa")), "sichuan-51.crt.pem", "sichuan-51.key.pem"));
    }

    @Test
    void generatedPkiValidates() throws Exception {
        SamplePki.main(new String[] {dir.toString()});
        for (CryptoProfile profile : CryptoProfile.values()) {
            Path pki = dir.resolve(profile == CryptoProfile.SM2 ? "sm2" : "ecdsa");
            CertificateValidator validator = new CertificateValidator(List.of(Pem.readCertificate(pki.resolve("root-ca.pem"))),
                    List.of(Pem.readCrl(pki.resolve("issuing-ca.crl.pem"))));
            List<java.security.cert.X509Certificate> intermediates = List.of(Pem.readCertificate(pki.resolve("issuing-ca.pem")));
            Instant now = Instant.now();

            SigningIdentity gateway = SigningIdentity.load("6101", profile, pki.resolve("gateway.crt.pem"), pki.resolve("gateway.key.pem"));
            assertThatCode(() -> validator.validate(gateway.certificate(), intermediates, now)).doesNotThrowAnyException();
            assertThatThrownBy(() -> validator.validate(Pem.readCertificate(pki.resolve("expired.crt.pem")), intermediates, now))
                    .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_EXPIRED);
            assertThatThrownBy(() -> validator.validate(Pem.readCertificate(pki.resolve("revoked.crt.pem")), intermediates, now))
                    .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_REVOKED);
            assertThatThrownBy(() -> validator.validate(Pem.readCertificate(pki.resolve("untrusted.crt.pem")), intermediates, now))
                    .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_UNTRUSTED);
        }
    }

    private static Set<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    private static Set<String> union(Set<String> base, String... more) {
        return Stream.concat(base.stream(), Stream.of(more)).collect(Collectors.toSet());
    }
}
