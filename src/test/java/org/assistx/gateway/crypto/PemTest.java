package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void certificateAndKeyRoundTrip(CryptoProfile profile) throws Exception {
        KeyPair keys = TestKeys.keyPair(profile);
        X509Certificate certificate = TestKeys.selfSigned(profile, keys, "CN=gateway, O=6101, OU=AssistX test, C=CN");

        Path certFile = write("cert.pem", Pem.toPem(certificate));
        Path keyFile = write("key.pem", Pem.toPem(keys.getPrivate()));
        assertThat(Files.readString(certFile)).startsWith("-----BEGIN CERTIFICATE-----\n");
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----\n").doesNotContain("\r");

        X509Certificate read = Pem.readCertificate(certFile);
        assertThat(read).isEqualTo(certificate);
        assertThat(read.getSigAlgName()).isEqualToIgnoringCase(profile.signatureAlgorithm());
        read.verify(read.getPublicKey(), BouncyCastle.provider());

        PrivateKey key = Pem.readPrivateKey(keyFile);
        byte[] data = "data".getBytes(StandardCharsets.US_ASCII);
        assertThat(Signatures.verify(profile, read.getPublicKey(), data, Signatures.sign(profile, key, data))).isTrue();

        assertThat(Pem.certificateFromDer(certificate.getEncoded())).isEqualTo(certificate);
    }

    @Test
    void publicKeyPem() {
        KeyPair keys = TestKeys.keyPair(CryptoProfile.SM2);
        assertThat(Pem.toPem(keys.getPublic())).startsWith("-----BEGIN PUBLIC KEY-----\n").endsWith("-----END PUBLIC KEY-----\n");
    }

    @Test
    void severalCertificatesInOneFile() throws Exception {
        X509Certificate a = TestKeys.selfSigned(CryptoProfile.SM2, TestKeys.keyPair(CryptoProfile.SM2), "CN=a");
        X509Certificate b = TestKeys.selfSigned(CryptoProfile.ECDSA_P256, TestKeys.keyPair(CryptoProfile.ECDSA_P256), "CN=b");
        Path file = write("chain.pem", "comment line\n" + Pem.toPem(a) + Pem.toPem(b));
        assertThat(Pem.readCertificates(file)).containsExactly(a, b);
        assertThat(Pem.readCertificate(file)).isEqualTo(a);
    }

    @Test
    void crlRoundTrip() throws Exception {
        KeyPair keys = TestKeys.keyPair(CryptoProfile.SM2);
        X509v2CRLBuilder builder = new X509v2CRLBuilder(new X500Name("CN=CA"), new Date());
        builder.addCRLEntry(BigInteger.TEN, new Date(), CRLReason.keyCompromise);
        X509CRL crl = new JcaX509CRLConverter().setProvider(BouncyCastle.provider()).getCRL(builder.build(
                new JcaContentSignerBuilder("SM3withSM2").setProvider(BouncyCastle.provider()).build(keys.getPrivate())));
        Path file = write("ca.crl.pem", Pem.toPem(crl));
        assertThat(Files.readString(file)).startsWith("-----BEGIN X509 CRL-----\n");
        X509CRL read = Pem.readCrl(file);
        assertThat(read).isEqualTo(crl);
        assertThat(read.getRevokedCertificate(BigInteger.TEN)).isNotNull();
        read.verify(keys.getPublic(), BouncyCastle.provider());
    }

    @Test
    void sec1EcPrivateKeyIsAcceptedToo() throws Exception {
        KeyPair keys = TestKeys.keyPair(CryptoProfile.SM2);
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(keys.getPrivate());
        }
        assertThat(out.toString()).startsWith("-----BEGIN EC PRIVATE KEY-----");
        PrivateKey key = Pem.readPrivateKey(write("sec1.pem", out.toString()));
        byte[] data = {1, 2, 3};
        assertThat(Signatures.verify(CryptoProfile.SM2, keys.getPublic(), data,
                Signatures.sign(CryptoProfile.SM2, key, data))).isTrue();
    }

    @Test
    void encryptedKeysAreRefused() throws Exception {
        KeyPair keys = TestKeys.keyPair(CryptoProfile.ECDSA_P256);
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                            .setProvider(BouncyCastle.provider()).setPassword("secret".toCharArray()).build()));
        }
        Path file = write("encrypted.pem", out.toString());
        assertUnreadable(() -> Pem.readPrivateKey(file), "encrypted");
    }

    @Test
    void unreadableInputsHaveTheKeyUnreadableCode() throws Exception {
        X509Certificate certificate = TestKeys.selfSigned(CryptoProfile.SM2, TestKeys.keyPair(CryptoProfile.SM2), "CN=x");
        Path certFile = write("cert.pem", Pem.toPem(certificate));
        Path garbage = write("garbage.pem", "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");
        Path missing = dir.resolve("missing.pem");

        assertUnreadable(() -> Pem.readPrivateKey(certFile), "no PRIVATE KEY");
        assertUnreadable(() -> Pem.readCrl(certFile), "no X509 CRL");
        assertUnreadable(() -> Pem.readCertificate(write("empty.pem", "")), "no CERTIFICATE");
        assertUnreadable(() -> Pem.readCertificate(garbage), "garbage.pem");
        assertUnreadable(() -> Pem.readCertificate(missing), "missing.pem");
        assertThat(Pem.readCertificates(write("only-key.pem", Pem.toPem(TestKeys.keyPair(CryptoProfile.SM2).getPrivate()))))
                .isEmpty();
        assertUnreadable(() -> Pem.certificateFromDer(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}), "Certificate");
        assertUnreadable(() -> Pem.certificateFromDer(new byte[0]), "Certificate");
        assertUnreadable(() -> Pem.toPem("a string"), "String");
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static void assertUnreadable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(CryptoException.class)
                .hasMessageContaining(messagePart)
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.KEY_UNREADABLE);
    }
}
