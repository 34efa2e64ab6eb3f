package org.assistx.gateway.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh SoftHSM token in a directory of its own, made with the commands docs/crypto.md gives operators:
 * {@code softhsm2-util --init-token}, {@code pkcs11-tool --keypairgen} (the key is generated in the token and
 * never leaves it), {@code pkcs11-tool --read-object --type pubkey}, a certificate for that public key issued by
 * the sample ECDSA issuing CA, and {@code pkcs11-tool --write-object --type cert} with the key's id. SoftHSM
 * finds its tokens through {@code SOFTHSM2_CONF}, which only a process started with it in its environment
 * sees, so whatever opens the token runs in a child JVM ({@link #java}).
 */
final class SoftHsm {

    static final Path LIBRARY = Path.of("/usr/lib/softhsm/libsofthsm2.so");
    static final String PIN = "271828";
    static final String SO_PIN = "31415926";
    static final String LABEL = "assistx";

    final Path directory;
    final Path config;

    private SoftHsm(Path directory) {
        this.directory = directory;
        this.config = directory.resolve("softhsm2.conf");
    }

    /** Whether the SoftHSM module and both tools are installed (.ci/run installs them). */
    static boolean installed() {
        return Files.isReadable(LIBRARY) && onPath("softhsm2-util") && onPath("pkcs11-tool");
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** An initialised, empty token labelled {@value #LABEL} in {@code directory}. */
    static SoftHsm create(Path directory) throws Exception {
        SoftHsm hsm = new SoftHsm(directory);
        Path tokens = Files.createDirectories(directory.resolve("tokens"));
        Files.writeString(hsm.config, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                + "log.level = ERROR\nslots.removable = false\n");
        hsm.run("softhsm2-util", "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", SO_PIN);
        return hsm;
    }

    /**
     * Generates a P-256 key pair in the token under {@code alias}/{@code id}, has the sample ECDSA issuing CA
     * certify its public key, and writes the certificate into the token with the same id and label.
     */
    X509Certificate generateCertifiedKey(String alias, String id, String commonName) throws Exception {
        pkcs11("--login", "--pin", PIN, "--keypairgen", "--key-type", "EC:prime256v1", "--id", id, "--label", alias);
        Path publicDer = directory.resolve(alias + ".pub.der");
        pkcs11("--read-object", "--type", "pubkey", "--id", id, "--output-file", publicDer.toString());
        PublicKey publicKey = KeyFactory.getInstance("EC", BouncyCastle.provider())
                .generatePublic(new X509EncodedKeySpec(Files.readAllBytes(publicDer)));
        X509Certificate certificate = issue(publicKey, commonName);
        Path certificateDer = Files.write(directory.resolve(alias + ".crt.der"), certificate.getEncoded());
        pkcs11("--login", "--pin", PIN, "--write-object", certificateDer.toString(), "--type", "cert",
                "--id", id, "--label", alias);
        return certificate;
    }

    /** A leaf certificate for {@code publicKey} from the sample ECDSA issuing CA, as a real CA would issue it. */
    static X509Certificate issue(PublicKey publicKey, String commonName) throws Exception {
        Path sample = Path.of("certs-sample", "ecdsa");
        X509Certificate ca = Pem.readCertificate(sample.resolve("issuing-ca.pem"));
        PrivateKey caKey = Pem.readPrivateKey(sample.resolve("issuing-ca.key.pem"));
        Instant now = Instant.now();
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca,
                BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))), new X500Name("C=CN, O=6101, CN=" + commonName), publicKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(ca));
        return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(BouncyCastle.provider())
                        .build(caKey)));
    }

    /** A SunPKCS11 configuration file for the token (the first slot of the module, the initialised one). */
    Path providerConfig() throws IOException {
        return Files.writeString(directory.resolve("pkcs11.cfg"),
                "name = softhsm\nlibrary = " + LIBRARY + "\nslotListIndex = 0\n");
    }

    private void pkcs11(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", LIBRARY.toString(),
                "--token-label", LABEL));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
    }

    private void run(String... command) throws Exception {
        Result result = finish(process(List.of(command), Map.of()));
        if (result.exit() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output());
        }
    }

    /** The output and exit value of a finished process. */
    record Result(int exit, String output) {
    }

    /** Runs {@code mainClass} of the test class path in a child JVM that sees this token, and waits for it. */
    Result java(Class<?> mainClass, Map<String, String> env, List<String> jvmOptions, String... args) throws Exception {
        return finish(startJava(mainClass, env, jvmOptions, args));
    }

    /** Starts {@code mainClass} of the test class path in a child JVM that sees this token, with {@code env}. */
    Process startJava(Class<?> mainClass, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        command.addAll(jvmOptions);
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        return process(command, env);
    }

    private Process process(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", config.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static Result finish(Process process) throws Exception {
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("the process did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
