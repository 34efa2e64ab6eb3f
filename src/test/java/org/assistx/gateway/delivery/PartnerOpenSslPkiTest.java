package org.assistx.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.Processes;
import org.assistx.gateway.partner.PartnerProperties;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.envelope.SignedMessage;
import org.assistx.gateway.mapping.Outcome;
import org.assistx.gateway.partner.PartnerCheck;
import org.assistx.gateway.partner.PartnerConfigException;
import org.assistx.gateway.partner.PartnerRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new partner brings its whole PKI, made with the {@code openssl} binary exactly as
 * {@code docs/crypto.md} says (SM2 root → intermediate → signer, each signed with
 * {@code -sigopt distid:1234567812345678}, and a CRL made with {@code openssl ca -gencrl}): put into the
 * partner folder's {@code trust/} and reloaded, a reply signed under it is accepted; a signer under an
 * intermediate the bundle does not hold, or revoked in the bundle's CRL, is refused; a file in the bundle
 * that holds something unusable makes the reload fail and keeps the previous set in force. Skipped without
 * an {@code openssl} with SM2 ({@code .ci/run} installs one).
 */
class PartnerOpenSslPkiTest {

    private static final String DIST_ID = "distid:1234567812345678";
    private static final String EXTENSIONS = """
        [root]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [intermediate]
        basicConstraints = critical, CA:TRUE, pathlen:0
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [signer]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature, nonRepudiation
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        """;
    private static final String CA_CONFIG = """
        [ca]
        default_ca = issuing
        [issuing]
        database = index.txt
        crlnumber = crlnumber
        certificate = issuing-ca.pem
        private_key = issuing-ca.key
        default_md = sm3
        default_crl_days = 30
        """;

    @TempDir
    static Path pki;

    @TempDir
    Path partners;

    private static boolean sm2;

    @BeforeAll
    static void makePki() throws IOException {
        try {
            sm2 = Processes.run(pki, "openssl", "list", "-digest-algorithms").output().contains("SM3");
        } catch (IOException noOpenssl) {
            sm2 = false;
        }
        if (!sm2) {
            return;
        }
        Files.writeString(pki.resolve("ca.ext"), EXTENSIONS);
        Files.writeString(pki.resolve("ca.cnf"), CA_CONFIG);
        Files.writeString(pki.resolve("index.txt"), "");
        Files.writeString(pki.resolve("crlnumber"), "01\n");
        openssl("genpkey", "-algorithm", "SM2", "-out", "root-ca.key");
        openssl("req", "-new", "-key", "root-ca.key", "-sm3", "-sigopt", DIST_ID,
                "-subj", "/C=CN/O=Sichuan/CN=Sichuan Social Assistance Root CA", "-out", "root-ca.csr");
        openssl("x509", "-req", "-in", "root-ca.csr", "-key", "root-ca.key", "-sm3", "-sigopt", DIST_ID,
                "-vfyopt", DIST_ID, "-days", "3650", "-extfile", "ca.ext", "-extensions", "root", "-out", "root-ca.pem");
        issuingCa("issuing-ca", "Sichuan Social Assistance Issuing CA");
        issuingCa("other-issuing-ca", "Sichuan Other Issuing CA");
        signer("signer", "issuing-ca");
        signer("revoked", "issuing-ca");
        signer("stranger", "other-issuing-ca");
        openssl("ca", "-config", "ca.cnf", "-revoke", "revoked.pem", "-crl_reason", "keyCompromise");
        openssl("ca", "-config", "ca.cnf", "-gencrl", "-sigopt", DIST_ID, "-out", "issuing-ca.crl.pem");
    }

    private static void issuingCa(String name, String commonName) throws IOException {
        openssl("genpkey", "-algorithm", "SM2", "-out", name + ".key");
        openssl("req", "-new", "-key", name + ".key", "-sm3", "-sigopt", DIST_ID, "-subj",
                "/C=CN/O=Sichuan/CN=" + commonName, "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "root-ca.pem", "-CAkey", "root-ca.key", "-sm3",
                "-sigopt", DIST_ID, "-vfyopt", DIST_ID, "-days", "1825", "-extfile", "ca.ext", "-extensions",
                "intermediate", "-out", name + ".pem");
    }

    private static void signer(String name, String issuer) throws IOException {
        openssl("genpkey", "-algorithm", "SM2", "-out", name + ".key");
        openssl("req", "-new", "-key", name + ".key", "-sm3", "-sigopt", DIST_ID, "-subj", "/C=CN/O=51/CN=sichuan-51",
                "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", issuer + ".pem", "-CAkey", issuer + ".key", "-sm3",
                "-sigopt", DIST_ID, "-vfyopt", DIST_ID, "-days", "365", "-extfile", "ca.ext", "-extensions", "signer",
                "-out", name + ".pem");
    }

    private final com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    private final PartnerMessagesTest gateway = new PartnerMessagesTest();
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(List.of(), Clock.systemUTC(), Duration.ofHours(24),
            Duration.ofMinutes(5));

    /** A fourth province, Sichuan (51), as a copy of the county bureaus' folder with its own coverage and signer. */
    private Path sichuanFolder() throws IOException {
        Path folder = partners.resolve("sichuan-51");
        GatewayTestSupport.copyTree(Path.of("routes", "partners", "xian-county-bureaus"), folder);
        Path descriptor = folder.resolve("partner.yaml");
        Files.writeString(descriptor, Files.readString(descriptor)
                .replace("id: xian-county-bureaus", "id: sichuan-51")
                .replace("covers: [\"6101\"]", "covers: [\"51\"]")
                .replace("organisation: \"6101\"", "organisation: \"51\"")
                .replace("signer: county-bureau-6101", "signer: sichuan-51"));
        return folder;
    }

    private String reply(SignedMessage request, String signer) {
        EnvelopeSigner province = new EnvelopeSigner(json, SigningIdentity.load("51", CryptoProfile.SM2,
                pki.resolve(signer + ".pem"), pki.resolve(signer + ".key")));
        ObjectNode payload = json.createObjectNode();
        payload.put("sfzh", "330106199003070022");
        payload.put("hcdw", "510104");
        payload.putArray("jzxx");
        EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(), request.header().correlationId(),
                MessageType.VERIFICATION_RESULT, request.header().recipient(), request.header().sender(),
                Instant.now(), "1", request.signedDigest(), null, null);
        return province.sign(header, payload).text();
    }

    private String check(PartnerRegistry registry, String signer) {
        PartnerRegistry.Partner partner = registry.get("sichuan-51");
        SignedMessage request = gateway.messages.signRequest(PartnerMessagesTest.verification("CROSS_PROVINCE",
                "sichuan-51", "51", "510104003"), partner, MessageType.VERIFICATION_REQUEST);
        try {
            PartnerMessages.CheckedReply checked = gateway.messages.check(partner,
                    gateway.messages.readReply(partner, reply(request, signer)), request, verifier);
            assertThat(checked.outcome()).isEqualTo(Outcome.NOT_RECEIVING);
            return "ACCEPTED";
        } catch (GatewayException e) {
            return e.code();
        }
    }

    @Test
    void aThreeLevelPkiMadeWithOpensslIsAcceptedAfterAReload() throws IOException {
        assumeTrue(sm2, "no openssl with SM2");
        Path folder = sichuanFolder();
        PartnerRegistry registry = new PartnerRegistry(new PartnerProperties(partners.toString(), null), List.of());
        registry.load();
        assertThat(check(registry, "signer")).as("the sample trust in the copied folder does not know Sichuan's CA")
                .isEqualTo("CERTIFICATE_UNTRUSTED");

        // the province's whole PKI into the folder's trust bundle, then a reload
        Path trust = folder.resolve("trust");
        try (Stream<Path> old = Files.list(trust)) {
            for (Path p : old.toList()) {
                Files.delete(p);
            }
        }
        Files.writeString(trust.resolve("sichuan-chain.pem"), Files.readString(pki.resolve("root-ca.pem"))
                + Files.readString(pki.resolve("issuing-ca.pem")));
        Files.copy(pki.resolve("issuing-ca.crl.pem"), trust.resolve("issuing-ca.crl"));
        registry.load();

        assertThat(check(registry, "signer")).isEqualTo("ACCEPTED");
        assertThat(check(registry, "stranger")).as("signed under an intermediate the bundle does not hold")
                .isEqualTo("CERTIFICATE_UNTRUSTED");
        assertThat(check(registry, "revoked")).as("listed in the bundle's CRL, made with openssl ca -gencrl")
                .isEqualTo("CERTIFICATE_REVOKED");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(PartnerCheck.run(List.of(folder.toString()), new PrintStream(out, true, StandardCharsets.UTF_8)))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("trust bundle read: 1 trust anchor(s), 1 intermediate CA(s), 1 CRL(s) from 2 file(s)")
                .contains("VALID   " + folder);
    }

    @Test
    void aTrustFileHoldingSomethingUnusableFailsTheReloadAndTheOldTrustStays() throws IOException {
        assumeTrue(sm2, "no openssl with SM2");
        Path folder = sichuanFolder();
        PartnerRegistry registry = new PartnerRegistry(new PartnerProperties(partners.toString(), null), List.of());
        registry.load();

        for (String unusable : List.of("signer.key", "signer.pem", "ca.ext")) {
            Path file = folder.resolve("trust").resolve("extra.pem");
            Files.copy(pki.resolve(unusable), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(registry::load).as(unusable).isInstanceOf(PartnerConfigException.class)
                    .hasMessageContaining("crypto.trust").hasMessageContaining("extra.pem");
            assertThat(registry.find("sichuan-51")).isPresent();
        }
    }

    private static void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Processes.Result r = Processes.run(pki, command.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + r.output());
        }
    }

}
