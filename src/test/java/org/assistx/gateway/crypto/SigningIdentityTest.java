package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SigningIdentityTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void loadAndSign(CryptoProfile profile) throws Exception {
        KeyPair keys = TestKeys.keyPair(profile);
        X509Certificate certificate = TestKeys.selfSigned(profile, keys, "CN=gateway, O=6101, C=CN");
        Path cert = Files.writeString(dir.resolve("c.pem"), Pem.toPem(certificate));
        Path key = Files.writeString(dir.resolve("k.pem"), Pem.toPem(keys.getPrivate()));

        SigningIdentity identity = SigningIdentity.load("6101", profile, cert, key);
        assertThat(identity.organisation()).isEqualTo("6101");
        assertThat(identity.profile()).isEqualTo(profile);
        assertThat(identity.certificate()).isEqualTo(certificate);

        byte[] data = "canonical bytes".getBytes(StandardCharsets.UTF_8);
        assertThat(Signatures.verify(profile, certificate.getPublicKey(), data, identity.sign(data))).isTrue();
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        CryptoProfile profile = CryptoProfile.SM2;
        X509Certificate certificate = TestKeys.selfSigned(profile, TestKeys.keyPair(profile), "CN=a");
        Path cert = Files.writeString(dir.resolve("c.pem"), Pem.toPem(certificate));
        Path key = Files.writeString(dir.resolve("k.pem"), Pem.toPem(TestKeys.keyPair(profile).getPrivate()));
        assertThatThrownBy(() -> SigningIdentity.load("6101", profile, cert, key))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("not the private key")
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.KEY_UNREADABLE);
    }

    @Test
    void keyOfAnotherProfileIsRefused() throws Exception {
        KeyPair keys = TestKeys.keyPair(CryptoProfile.ECDSA_P256);
        Path cert = Files.writeString(dir.resolve("c.pem"),
                Pem.toPem(TestKeys.selfSigned(CryptoProfile.ECDSA_P256, keys, "CN=a")));
        Path key = Files.writeString(dir.resolve("k.pem"), Pem.toPem(keys.getPrivate()));
        assertThatThrownBy(() -> SigningIdentity.load("44", CryptoProfile.SM2, cert, key))
                .isInstanceOf(CryptoException.class)
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void toStringDoesNotShowTheKey() {
        KeyPair keys = TestKeys.keyPair(CryptoProfile.SM2);
        SigningIdentity identity = new SigningIdentity("6101", CryptoProfile.SM2, keys.getPrivate(),
                TestKeys.selfSigned(CryptoProfile.SM2, keys, "CN=gateway, O=6101"));
        assertThat(identity.toString()).contains("6101", "SM2", "CN=gateway").doesNotContainIgnoringCase("private");
    }
}
