package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs against the committed sample PKI in {@code certs-sample/} (tests run from the project root). */
class CertificateValidatorTest {

    private static final Instant NOW = Instant.now();

    /** One of the two sample PKIs. */
    record Pki(CryptoProfile profile, Path dir) {
        static Pki of(CryptoProfile profile) {
            return new Pki(profile, Path.of("certs-sample", profile == CryptoProfile.SM2 ? "sm2" : "ecdsa"));
        }

        X509Certificate cert(String name) {
            return Pem.readCertificate(dir.resolve(name.endsWith("ca") ? name + ".pem" : name + ".crt.pem"));
        }

        PrivateKey key(String name) {
            return Pem.readPrivateKey(dir.resolve(name + ".key.pem"));
        }

        X509Certificate root() {
            return cert("root-ca");
        }

        X509Certificate issuing() {
            return cert("issuing-ca");
        }

        List<X509CRL> crls() {
            return List.of(Pem.readCrl(dir.resolve("issuing-ca.crl.pem")), Pem.readCrl(dir.resolve("root-ca.crl.pem")));
        }

        CertificateValidator validator() {
            return new CertificateValidator(List.of(root()), crls());
        }

        String partner() {
            return profile == CryptoProfile.SM2 ? "zhejiang-33" : "guangdong-44";
        }
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void goodChainsAreAccepted(CryptoProfile profile) {
        Pki pki = Pki.of(profile);
        CertificateValidator validator = pki.validator();
        for (String leaf : List.of("gateway", pki.partner())) {
            assertThatCode(() -> validator.validate(pki.cert(leaf), List.of(pki.issuing()), NOW)).doesNotThrowAnyException();
        }
        // order and extra certificates among the intermediates do not matter
        assertThatCode(() -> validator.validate(pki.cert("gateway"),
                List.of(pki.cert("rogue-ca"), pki.root(), pki.issuing()), NOW)).doesNotThrowAnyException();
    }

    @Test
    void allSm2TownshipAndPartnerCertificatesAreGood() {
        Pki pki = Pki.of(CryptoProfile.SM2);
        Map<String, String> organisations = Map.of("gateway", "6101", "county-bureau-6101", "6101",
                "zhejiang-33", "33", "610113001", "610113001", "610104003", "610104003");
        organisations.forEach((leaf, organisation) -> {
            X509Certificate cert = pki.cert(leaf);
            assertThatCode(() -> pki.validator().validate(cert, List.of(pki.issuing()), NOW)).doesNotThrowAnyException();
            assertThat(cert.getSigAlgName()).isEqualToIgnoringCase("SM3withSM2");
            assertThat(cert.getSubjectX500Principal().getName())
                    .isEqualTo("CN=" + leaf + ",O=" + organisation + ",OU=AssistX sample,C=CN");
            assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(cert.getBasicConstraints()).isEqualTo(-1);
            assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
                    .isGreaterThan(Duration.ofDays(365 * 19));
        });
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void issuingCaCanBeTheAnchorItself(CryptoProfile profile) {
        Pki pki = Pki.of(profile);
        CertificateValidator validator = new CertificateValidator(List.of(pki.issuing()), pki.crls());
        assertThatCode(() -> validator.validate(pki.cert("gateway"), List.of(), NOW)).doesNotThrowAnyException();
        assertThatCode(() -> validator.validate(pki.cert("gateway"), null, NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void pinnedLeafIsTrusted(CryptoProfile profile) {
        Pki pki = Pki.of(profile);
        CertificateValidator validator = new CertificateValidator(List.of(pki.cert("gateway")), List.of());
        assertThatCode(() -> validator.validate(pki.cert("gateway"), List.of(), NOW)).doesNotThrowAnyException();
        assertCode(() -> validator.validate(pki.cert(pki.partner()), List.of(pki.issuing()), NOW),
                CryptoException.CERTIFICATE_UNTRUSTED);
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void certificateFromAnotherCaIsUntrusted(CryptoProfile profile) {
        Pki pki = Pki.of(profile);
        // issued by rogue-ca, which copies the issuing CA's name: the name matches, the signature does not
        assertThat(pki.cert("untrusted").getIssuerX500Principal()).isEqualTo(pki.issuing().getSubjectX500Principal());
        assertCode(() -> pki.validator().validate(pki.cert("untrusted"), List.of(pki.issuing()), NOW),
                CryptoException.CERTIFICATE_UNTRUSTED);
        assertCode(() -> pki.validator().validate(pki.cert("untrusted"), List.of(pki.issuing(), pki.cert("rogue-ca")), NOW),
                CryptoException.CERTIFICATE_UNTRUSTED);
        // and the rogue CA itself is no anchor of ours
        assertCode(() -> pki.validator().validate(pki.cert("rogue-ca"), List.of(), NOW), CryptoException.CERTIFICATE_UNTRUSTED);
    }

    @Test
    void certificateOfTheOtherProfilesPkiIsUntrusted() {
        Pki sm2 = Pki.of(CryptoProfile.SM2);
        Pki ecdsa = Pki.of(CryptoProfile.ECDSA_P256);
        assertCode(() -> sm2.validator().validate(ecdsa.cert("gateway"), List.of(ecdsa.issuing()), NOW),
                CryptoException.CERTIFICATE_UNTRUSTED);
        assertCode(() -> ecdsa.validator().validate(sm2.cert("gateway"), List.of(sm2.issuing()), NOW),
                CryptoException.CERTIFICATE_UNTRUSTED);
        // both roots trusted: each chain finds its own
        CertificateValidator both = new CertificateValidator(List.of(sm2.root(), ecdsa.root()), List.of());
        assertThatCode(() -> both.validate(sm2.cert("gateway"), List.of(ecdsa.issuing(), sm2.issuing()), NOW))
                .doesNotThrowAnyException();
        assertThatCode(() -> both.validate(ecdsa.cert("gateway"), List.of(ecdsa.issuing(), sm2.issuing()), NOW))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void missingIntermediateIsUntrusted(CryptoProfile profile) {
        Pki pki = Pki.of(profile);
        assertCode(() -> pki.validator().validate(pki.cert("gateway"), List.of(), NOW), CryptoException.CERTIFICATE_UNTRUSTED);
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void expiredCertificateIsRefused(CryptoProfile profile) {
        Pki pki = Pki.of(profile);
        assertThatThrownBy(() -> pki.validator().validate(pki.cert("expired"), List.of(pki.issuing()), NOW))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("CN=expired").hasMessageContaining("expired on")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_EXPIRED);
        // it was fine while it was valid
        Instant during = pki.cert("expired").getNotAfter().toInstant().minus(Duration.ofDays(1));
        assertThatCode(() -> pki.validator().validate(pki.cert("expired"), List.of(pki.issuing()), during))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void validityIsCheckedAtTheGivenInstant(CryptoProfile profile) {
        Pki pki = Pki.of(profile);
        X509Certificate gateway = pki.cert("gateway");
        Instant beforeNotBefore = gateway.getNotBefore().toInstant().minusSeconds(1);
        assertThatThrownBy(() -> pki.validator().validate(gateway, List.of(pki.issuing()), beforeNotBefore))
                .hasMessageContaining("not valid before")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_EXPIRED);
        Instant afterNotAfter = gateway.getNotAfter().toInstant().plusSeconds(1);
        assertCode(() -> pki.validator().validate(gateway, List.of(pki.issuing()), afterNotAfter),
                CryptoException.CERTIFICATE_EXPIRED);
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void revokedCertificateIsRefused(CryptoProfile profile) {
        Pki pki = Pki.of(profile);
        assertThatThrownBy(() -> pki.validator().validate(pki.cert("revoked"), List.of(pki.issuing()), NOW))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("CN=revoked").hasMessageContaining("KEY_COMPROMISE")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_REVOKED);
        // also for an instant before the revocation date: the signer chooses createdAt, a thief could backdate
        Instant before = pki.crls().get(0).getRevokedCertificate(pki.cert("revoked")).getRevocationDate().toInstant()
                .minus(Duration.ofHours(1));
        assertCode(() -> pki.validator().validate(pki.cert("revoked"), List.of(pki.issuing()), before),
                CryptoException.CERTIFICATE_REVOKED);
        // without the CRL nothing says so
        assertThatCode(() -> new CertificateValidator(List.of(pki.root()), List.of())
                .validate(pki.cert("revoked"), List.of(pki.issuing()), NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void crlNotSignedByTheIssuerIsIgnored(CryptoProfile profile) throws Exception {
        Pki pki = Pki.of(profile);
        X509Certificate gateway = pki.cert("gateway");
        // same issuer name as the real issuing CA, signed with the impostor's key
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(pki.issuing().getSubjectX500Principal().getEncoded()), new Date());
        builder.addCRLEntry(gateway.getSerialNumber(), new Date(), CRLReason.keyCompromise);
        X509CRL forged = new JcaX509CRLConverter().setProvider(BouncyCastle.provider()).getCRL(builder.build(
                new JcaContentSignerBuilder(profile.signatureAlgorithm()).setProvider(BouncyCastle.provider())
                        .build(pki.key("rogue-ca"))));
        CertificateValidator validator = new CertificateValidator(List.of(pki.root()), List.of(forged));
        assertThatCode(() -> validator.validate(gateway, List.of(pki.issuing()), NOW)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void leafCannotActAsCa(CryptoProfile profile) throws Exception {
        Pki pki = Pki.of(profile);
        X509Certificate gateway = pki.cert("gateway");
        X509Certificate child = issue(profile, gateway, pki.key("gateway"), "CN=child, O=6101, C=CN", false,
                KeyUsage.digitalSignature);
        assertThatThrownBy(() -> pki.validator().validate(child, List.of(gateway, pki.issuing()), NOW))
                .hasMessageContaining("not one")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_UNTRUSTED);
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void issuingCaPathLengthZeroIsEnforced(CryptoProfile profile) throws Exception {
        Pki pki = Pki.of(profile);
        X509Certificate subCa = issue(profile, pki.issuing(), pki.key("issuing-ca"), "CN=sub CA, O=AssistX, C=CN", true,
                KeyUsage.keyCertSign);
        KeyPair subKeys = lastKeys;
        X509Certificate leaf = issue(profile, subCa, subKeys.getPrivate(), "CN=deep, O=6101, C=CN", false,
                KeyUsage.digitalSignature);
        assertThatThrownBy(() -> pki.validator().validate(leaf, List.of(subCa, pki.issuing()), NOW))
                .hasMessageContaining("path length")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_UNTRUSTED);
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void leafMustBeAllowedToSign(CryptoProfile profile) throws Exception {
        Pki pki = Pki.of(profile);
        X509Certificate encipherOnly = issue(profile, pki.issuing(), pki.key("issuing-ca"), "CN=enc, O=6101, C=CN", false,
                KeyUsage.keyAgreement);
        assertThatThrownBy(() -> pki.validator().validate(encipherOnly, List.of(pki.issuing()), NOW))
                .hasMessageContaining("key usage")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.CERTIFICATE_UNTRUSTED);
    }

    /**
     * Bouncy Castle's own PKIX validator agrees on the sample chains, SM2 included, once it is given a CRL
     * for every certificate of the path.
     */
    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void bouncyCastlePkixAgrees(CryptoProfile profile) throws Exception {
        Pki pki = Pki.of(profile);
        CertificateFactory factory = CertificateFactory.getInstance("X.509", BouncyCastle.provider());
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(pki.root(), null)));
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pki.crls()),
                BouncyCastle.provider()));
        parameters.setDate(Date.from(NOW));
        CertPathValidator pkix = CertPathValidator.getInstance("PKIX", BouncyCastle.provider());

        pkix.validate(factory.generateCertPath(List.of(pki.cert("gateway"), pki.issuing())), parameters);
        assertThatThrownBy(() -> pkix.validate(factory.generateCertPath(List.of(pki.cert("revoked"), pki.issuing())), parameters))
                .isInstanceOf(CertPathValidatorException.class);
        assertThatThrownBy(() -> pkix.validate(factory.generateCertPath(List.of(pki.cert("expired"), pki.issuing())), parameters))
                .isInstanceOf(CertPathValidatorException.class);
        assertThatThrownBy(() -> pkix.validate(factory.generateCertPath(List.of(pki.cert("untrusted"), pki.issuing())), parameters))
                .isInstanceOf(CertPathValidatorException.class);

        // The quirk that keeps it out of CertificateValidator: without the root's CRL even a good chain fails.
        PKIXParameters issuingCrlOnly = new PKIXParameters(Set.of(new TrustAnchor(pki.root(), null)));
        issuingCrlOnly.addCertStore(CertStore.getInstance("Collection",
                new CollectionCertStoreParameters(List.of(pki.crls().get(0))), BouncyCastle.provider()));
        issuingCrlOnly.setDate(Date.from(NOW));
        assertThatThrownBy(() -> pkix.validate(factory.generateCertPath(List.of(pki.cert("gateway"), pki.issuing())), issuingCrlOnly))
                .isInstanceOf(CertPathValidatorException.class)
                .hasMessageContaining("No CRLs found");
        assertThatCode(() -> pki.validator().validate(pki.cert("gateway"), List.of(pki.issuing()), NOW)).doesNotThrowAnyException();
    }

    private KeyPair lastKeys;

    private X509Certificate issue(CryptoProfile profile, X509Certificate issuer, PrivateKey issuerKey, String dn,
                                  boolean ca, int keyUsage) throws Exception {
        lastKeys = TestKeys.keyPair(profile);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                Date.from(NOW.minus(Duration.ofDays(1))), Date.from(NOW.plus(Duration.ofDays(30))), new X500Name(dn),
                lastKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
        return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(builder.build(
                new JcaContentSignerBuilder(profile.signatureAlgorithm()).setProvider(BouncyCastle.provider()).build(issuerKey)));
    }

    private static void assertCode(ThrowingCallable call, String code) {
        assertThatThrownBy(call).isInstanceOf(CryptoException.class)
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(code);
    }
}
