package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.jcajce.spec.SM2ParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignaturesTest {

    private static final byte[] DATA =
            "{\"header\":{\"sender\":\"610113001\"},\"payload\":{\"name\":\"张三\"}}".getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void signAndVerify(CryptoProfile profile) {
        KeyPair keys = TestKeys.keyPair(profile);
        byte[] signature = Signatures.sign(profile, keys.getPrivate(), DATA);
        assertThat(Signatures.verify(profile, keys.getPublic(), DATA, signature)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void signatureIsDerSequenceOfTwoIntegers(CryptoProfile profile) {
        byte[] signature = Signatures.sign(profile, TestKeys.keyPair(profile).getPrivate(), DATA);
        ASN1Sequence sequence = ASN1Sequence.getInstance(signature);
        assertThat(sequence.size()).isEqualTo(2);
        assertThat(sequence.getObjectAt(0)).isInstanceOf(ASN1Integer.class);
        assertThat(sequence.getObjectAt(1)).isInstanceOf(ASN1Integer.class);
        assertThat(signature.length).isBetween(8, 72);
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void tamperedDataFails(CryptoProfile profile) {
        KeyPair keys = TestKeys.keyPair(profile);
        byte[] signature = Signatures.sign(profile, keys.getPrivate(), DATA);
        byte[] tampered = DATA.clone();
        tampered[20] ^= 1;
        assertThat(Signatures.verify(profile, keys.getPublic(), tampered, signature)).isFalse();
        assertThat(Signatures.verify(profile, keys.getPublic(), Arrays.copyOf(DATA, DATA.length - 1), signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void wrongKeyFails(CryptoProfile profile) {
        byte[] signature = Signatures.sign(profile, TestKeys.keyPair(profile).getPrivate(), DATA);
        assertThat(Signatures.verify(profile, TestKeys.keyPair(profile).getPublic(), DATA, signature)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(CryptoProfile.class)
    void malformedSignaturesAreInvalidNotErrors(CryptoProfile profile) {
        KeyPair keys = TestKeys.keyPair(profile);
        byte[] signature = Signatures.sign(profile, keys.getPrivate(), DATA);
        byte[] flipped = signature.clone();
        flipped[flipped.length - 1] ^= 0x55;
        assertThat(Signatures.verify(profile, keys.getPublic(), DATA, flipped)).isFalse();
        assertThat(Signatures.verify(profile, keys.getPublic(), DATA, Arrays.copyOf(signature, 10))).isFalse();
        assertThat(Signatures.verify(profile, keys.getPublic(), DATA, new byte[] {0x30, 0x00})).isFalse();
        assertThat(Signatures.verify(profile, keys.getPublic(), DATA, "not a signature".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(Signatures.verify(profile, keys.getPublic(), DATA, new byte[0])).isFalse();
        assertThat(Signatures.verify(profile, keys.getPublic(), DATA, null)).isFalse();
    }

    @Test
    void sm2SignaturesAreRandomisedAndBothVerify() {
        KeyPair keys = TestKeys.keyPair(CryptoProfile.SM2);
        byte[] first = Signatures.sign(CryptoProfile.SM2, keys.getPrivate(), DATA);
        byte[] second = Signatures.sign(CryptoProfile.SM2, keys.getPrivate(), DATA);
        assertThat(first).isNotEqualTo(second);
        assertThat(Signatures.verify(CryptoProfile.SM2, keys.getPublic(), DATA, first)).isTrue();
        assertThat(Signatures.verify(CryptoProfile.SM2, keys.getPublic(), DATA, second)).isTrue();
    }

    @Test
    void sm2UsesTheDefaultUserId() throws Exception {
        KeyPair keys = TestKeys.keyPair(CryptoProfile.SM2);
        Signature withOtherId = Signature.getInstance("SM3withSM2", Signatures.provider());
        withOtherId.setParameter(new SM2ParameterSpec("ALICE123@YAHOO.COM".getBytes(StandardCharsets.US_ASCII)));
        withOtherId.initSign(keys.getPrivate());
        withOtherId.update(DATA);
        assertThat(Signatures.verify(CryptoProfile.SM2, keys.getPublic(), DATA, withOtherId.sign())).isFalse();

        Signature withDefaultId = Signature.getInstance("SM3withSM2", Signatures.provider());
        withDefaultId.setParameter(new SM2ParameterSpec("1234567812345678".getBytes(StandardCharsets.US_ASCII)));
        withDefaultId.initSign(keys.getPrivate());
        withDefaultId.update(DATA);
        assertThat(Signatures.verify(CryptoProfile.SM2, keys.getPublic(), DATA, withDefaultId.sign())).isTrue();
    }

    @Test
    void keysOnTheWrongCurveAreRefused() {
        KeyPair sm2 = TestKeys.keyPair(CryptoProfile.SM2);
        KeyPair p256 = TestKeys.keyPair(CryptoProfile.ECDSA_P256);
        assertUnsupported(() -> Signatures.sign(CryptoProfile.SM2, p256.getPrivate(), DATA));
        assertUnsupported(() -> Signatures.sign(CryptoProfile.ECDSA_P256, sm2.getPrivate(), DATA));
        byte[] signature = Signatures.sign(CryptoProfile.ECDSA_P256, p256.getPrivate(), DATA);
        assertUnsupported(() -> Signatures.verify(CryptoProfile.SM2, p256.getPublic(), DATA, signature));
        assertUnsupported(() -> Signatures.verify(CryptoProfile.ECDSA_P256, sm2.getPublic(), DATA, signature));
    }

    @Test
    void nonEcKeysAreRefused() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        KeyPair keys = rsa.generateKeyPair();
        assertUnsupported(() -> Signatures.sign(CryptoProfile.ECDSA_P256, keys.getPrivate(), DATA));
        assertUnsupported(() -> Signatures.verify(CryptoProfile.SM2, keys.getPublic(), DATA, new byte[] {1}));
    }

    @Test
    void jdkP256KeysWorkBothWays() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair jdk = generator.generateKeyPair();

        byte[] ours = Signatures.sign(CryptoProfile.ECDSA_P256, jdk.getPrivate(), DATA);
        Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
        verifier.initVerify(jdk.getPublic());
        verifier.update(DATA);
        assertThat(verifier.verify(ours)).isTrue();

        Signature signer = Signature.getInstance("SHA256withECDSA", "SunEC");
        signer.initSign(jdk.getPrivate());
        signer.update(DATA);
        assertThat(Signatures.verify(CryptoProfile.ECDSA_P256, jdk.getPublic(), DATA, signer.sign())).isTrue();
    }

    @Test
    void bouncyCastleIsRegisteredOnce() {
        Provider provider = Signatures.provider();
        assertThat(BouncyCastle.provider()).isSameAs(provider);
        assertThat(Security.getProvider("BC")).isSameAs(provider);
        long registered = Arrays.stream(Security.getProviders()).filter(p -> p.getName().equals("BC")).count();
        assertThat(registered).isEqualTo(1);
    }

    private static void assertUnsupported(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(CryptoException.class)
                .extracting(e -> ((CryptoException) e).code()).isEqualTo(CryptoException.UNSUPPORTED_ALGORITHM);
    }
}
