package org.assistx.gateway.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.assistx.gateway.Processes;
import org.assistx.gateway.Processes.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks that what the gateway signs verifies with the {@code openssl} command line, exactly as a partner
 * would run it, and the other way round. Skipped when there is no {@code openssl} binary (SM2 cases also
 * when it lacks SM2/SM3). Uses the committed sample PKI; tests run from the project root.
 */
class OpenSslInteropTest {

    private static final Path SM2 = Path.of("certs-sample", "sm2");
    private static final Path ECDSA = Path.of("certs-sample", "ecdsa");
    private static final String DIST_ID = "distid:" + Signatures.SM2_DEFAULT_USER_ID;

    private static boolean opensslPresent;
    private static boolean opensslHasSm2;

    @TempDir
    Path dir;

    @BeforeAll
    static void probeOpenssl() {
        try {
            Result version = run(Path.of("."), "openssl", "version");
            opensslPresent = version.exitCode() == 0;
            opensslHasSm2 = opensslPresent
                    && run(Path.of("."), "openssl", "list", "-digest-algorithms").output().contains("SM3");
        } catch (IOException e) {
            opensslPresent = false;
        }
    }

    @Test
    void sm2SignatureOverCanonicalJsonVerifiesWithOpenssl() throws Exception {
        assumeSm2();
        SigningIdentity gateway = SigningIdentity.load("6101", CryptoProfile.SM2,
                SM2.resolve("gateway.crt.pem"), SM2.resolve("gateway.key.pem"));
        byte[] data = signedBytes();
        Files.write(dir.resolve("data"), data);
        Files.write(dir.resolve("sig.der"), gateway.sign(data));
        Files.writeString(dir.resolve("pub.pem"), Pem.toPem(gateway.certificate().getPublicKey()));

        Result ok = openssl("dgst", "-sm3", "-sigopt", DIST_ID, "-verify", "pub.pem", "-signature", "sig.der", "data");
        assertThat(ok.output()).contains("Verified OK");
        assertThat(ok.exitCode()).isZero();

        // the public key as openssl itself extracts it from the certificate works the same
        Files.writeString(dir.resolve("cert.pem"), Pem.toPem(gateway.certificate()));
        assertThat(openssl("x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "cert-pub.pem").exitCode()).isZero();
        assertThat(openssl("dgst", "-sm3", "-sigopt", DIST_ID, "-verify", "cert-pub.pem", "-signature", "sig.der", "data")
                .output()).contains("Verified OK");

        byte[] tampered = data.clone();
        tampered[tampered.length - 3] ^= 1;
        Files.write(dir.resolve("data"), tampered);
        Result bad = openssl("dgst", "-sm3", "-sigopt", DIST_ID, "-verify", "pub.pem", "-signature", "sig.der", "data");
        assertThat(bad.output()).contains("Verification failure").doesNotContain("Verified OK");
        assertThat(bad.exitCode()).isNotZero();
    }

    @Test
    void sm2SignatureMadeByOpensslVerifiesHere() throws Exception {
        assumeSm2();
        byte[] data = signedBytes();
        Files.write(dir.resolve("data"), data);
        Files.copy(SM2.resolve("610113001.key.pem"), dir.resolve("key.pem"));
        Result signed = openssl("dgst", "-sm3", "-sigopt", DIST_ID, "-sign", "key.pem", "-out", "sig.der", "data");
        assertThat(signed.exitCode()).as(signed.output()).isZero();

        X509Certificate township = Pem.readCertificate(SM2.resolve("610113001.crt.pem"));
        byte[] signature = Files.readAllBytes(dir.resolve("sig.der"));
        assertThat(Signatures.verify(CryptoProfile.SM2, township.getPublicKey(), data, signature)).isTrue();
        assertThat(Signatures.verify(CryptoProfile.SM2, township.getPublicKey(), "other".getBytes(StandardCharsets.UTF_8),
                signature)).isFalse();
    }

    @Test
    void sm2KeyGeneratedByOpensslIsReadable() throws Exception {
        assumeSm2();
        assertThat(openssl("genpkey", "-algorithm", "SM2", "-out", "key.pem").exitCode()).isZero();
        assertThat(openssl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem").exitCode()).isZero();
        PrivateKey key = Pem.readPrivateKey(dir.resolve("key.pem"));

        byte[] data = signedBytes();
        Files.write(dir.resolve("data"), data);
        Files.write(dir.resolve("sig.der"), Signatures.sign(CryptoProfile.SM2, key, data));
        assertThat(openssl("dgst", "-sm3", "-sigopt", DIST_ID, "-verify", "pub.pem", "-signature", "sig.der", "data")
                .output()).contains("Verified OK");
    }

    /**
     * {@code openssl verify} of OpenSSL 3.0 cannot check SM2 chains (see certs-sample/README.md), so the
     * certificate and CRL signatures of the sample PKI are checked directly over their to-be-signed parts.
     */
    @Test
    void sm2CertificateAndCrlSignaturesVerifyWithOpenssl() throws Exception {
        assumeSm2();
        X509Certificate root = Pem.readCertificate(SM2.resolve("root-ca.pem"));
        X509Certificate issuing = Pem.readCertificate(SM2.resolve("issuing-ca.pem"));
        X509Certificate gateway = Pem.readCertificate(SM2.resolve("gateway.crt.pem"));
        X509CRL crl = Pem.readCrl(SM2.resolve("issuing-ca.crl.pem"));

        assertSm2Signature(root, root.getTBSCertificate(), root.getSignature());
        assertSm2Signature(root, issuing.getTBSCertificate(), issuing.getSignature());
        assertSm2Signature(issuing, gateway.getTBSCertificate(), gateway.getSignature());
        assertSm2Signature(issuing, crl.getTBSCertList(), crl.getSignature());
    }

    @Test
    void ecdsaSignatureOverCanonicalJsonVerifiesWithOpenssl() throws Exception {
        assumeTrue(opensslPresent, "no openssl binary");
        SigningIdentity gateway = SigningIdentity.load("6101", CryptoProfile.ECDSA_P256,
                ECDSA.resolve("gateway.crt.pem"), ECDSA.resolve("gateway.key.pem"));
        byte[] data = signedBytes();
        Files.write(dir.resolve("data"), data);
        Files.write(dir.resolve("sig.der"), gateway.sign(data));
        Files.writeString(dir.resolve("pub.pem"), Pem.toPem(gateway.certificate().getPublicKey()));

        Result ok = openssl("dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "data");
        assertThat(ok.output()).contains("Verified OK");
        assertThat(ok.exitCode()).isZero();

        byte[] tampered = data.clone();
        tampered[5] ^= 1;
        Files.write(dir.resolve("data"), tampered);
        Result bad = openssl("dgst", "-sha256", "-verify", "pub.pem", "-signature", "sig.der", "data");
        assertThat(bad.output()).contains("Verification failure").doesNotContain("Verified OK");
        assertThat(bad.exitCode()).isNotZero();
    }

    @Test
    void ecdsaSignatureMadeByOpensslVerifiesHere() throws Exception {
        assumeTrue(opensslPresent, "no openssl binary");
        byte[] data = signedBytes();
        Files.write(dir.resolve("data"), data);
        Files.copy(ECDSA.resolve("guangdong-44.key.pem"), dir.resolve("key.pem"));
        assertThat(openssl("dgst", "-sha256", "-sign", "key.pem", "-out", "sig.der", "data").exitCode()).isZero();

        X509Certificate partner = Pem.readCertificate(ECDSA.resolve("guangdong-44.crt.pem"));
        assertThat(Signatures.verify(CryptoProfile.ECDSA_P256, partner.getPublicKey(), data,
                Files.readAllBytes(dir.resolve("sig.der")))).isTrue();
    }

    @Test
    void ecdsaSampleChainAndCrlsCheckOutWithOpensslVerify() throws Exception {
        assumeTrue(opensslPresent, "no openssl binary");
        Path root = ECDSA.toAbsolutePath();
        List<String> command = List.of("verify", "-crl_check_all",
                "-CRLfile", root.resolve("root-ca.crl.pem").toString(),
                "-CRLfile", root.resolve("issuing-ca.crl.pem").toString(),
                "-CAfile", root.resolve("root-ca.pem").toString(),
                "-untrusted", root.resolve("issuing-ca.pem").toString());
        assertThat(openssl(with(command, root.resolve("gateway.crt.pem"))).output()).contains("gateway.crt.pem: OK");
        assertThat(openssl(with(command, root.resolve("guangdong-44.crt.pem"))).output()).contains("guangdong-44.crt.pem: OK");
        assertThat(openssl(with(command, root.resolve("revoked.crt.pem"))).output()).contains("certificate revoked");
        assertThat(openssl(with(command, root.resolve("expired.crt.pem"))).output()).contains("certificate has expired");
        assertThat(openssl(with(command, root.resolve("untrusted.crt.pem"))).output()).contains("unable to get local issuer");
    }

    /** The JCS bytes of the signed part of an envelope, with non-ASCII text. */
    private static byte[] signedBytes() throws IOException {
        return Jcs.canonicalize(new ObjectMapper().readTree("""
                {"header": {"messageId": "5a0c2a4e-6a43-4a53-9a3e-0a4a3e2b1c11", "correlationId": "610113001-2026-000123",
                            "type": "VERIFICATION_REQUEST", "sender": "610113001", "recipient": "610113",
                            "createdAt": "2026-09-01T08:00:00Z", "schemaVersion": "1"},
                 "payload": {"applicant": {"name": "张三", "hukouDivision": "610104003"}, "amount": 1234.5}}
                """));
    }

    private void assertSm2Signature(X509Certificate signer, byte[] tbs, byte[] signature) throws Exception {
        Files.writeString(dir.resolve("signer.pem"), Pem.toPem(signer.getPublicKey()));
        Files.write(dir.resolve("tbs"), tbs);
        Files.write(dir.resolve("tbs.sig"), signature);
        assertThat(openssl("dgst", "-sm3", "-sigopt", DIST_ID, "-verify", "signer.pem", "-signature", "tbs.sig", "tbs")
                .output()).contains("Verified OK");
    }

    private static void assumeSm2() {
        assumeTrue(opensslPresent, "no openssl binary");
        assumeTrue(opensslHasSm2, "openssl without SM3/SM2");
    }

    private static String[] with(List<String> command, Path last) {
        List<String> all = new ArrayList<>(command);
        all.add(last.toString());
        return all.toArray(String[]::new);
    }

    private Result openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        return run(dir, command.toArray(String[]::new));
    }

    private static Result run(Path workDir, String... command) throws IOException {
        return Processes.run(workDir, command);
    }
}
