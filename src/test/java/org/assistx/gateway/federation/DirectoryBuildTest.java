package org.assistx.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assistx.gateway.crypto.Pem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBuildTest {

    @TempDir
    Path dir;
    private Path members;
    private Path authorityCert;
    private Path authorityKey;
    private X509Certificate authority;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void setUp() throws IOException {
        KeyPair keys = FederationPki.keyPair();
        authority = FederationPki.selfSigned(keys, "CN=Directory Authority");
        authorityCert = dir.resolve("authority.crt.pem");
        authorityKey = dir.resolve("authority.key.pem");
        Files.writeString(authorityCert, Pem.toPem(authority));
        Files.writeString(authorityKey, Pem.toPem(keys.getPrivate()));
        members = Files.createDirectories(dir.resolve("members"));
        entry("shenzhen-4403", "4403", "深圳市民政局", "[\"4403\"]");
        entry("xian-6101", "6101", "西安市民政局", "[\"6101\", \"610113\"]");
    }

    private void entry(String id, String organisation, String title, String divisions) throws IOException {
        Files.writeString(members.resolve(id + "-sm2.crt.pem"),
                Pem.toPem(FederationPki.selfSigned(FederationPki.keyPair(), "CN=" + id)));
        Files.writeString(members.resolve(id + ".yaml"), """
                id: %s
                organisation: "%s"
                title: %s
                divisions: %s
                exchangeUrls: ["http://127.0.0.1:8443/api/v1/exchange"]
                signingCertificates: [%s-sm2.crt.pem]     # PEM files, relative to the entry file
                tlsCertificates: []
                cryptoProfiles: [SM2]
                messageTypes: [VERIFICATION_REQUEST, PROOF_REQUEST, APPROVAL_RESULT_NOTICE, EMERGENCY_AID_NOTICE, PAYMENT_SUSPENSION_NOTICE, CASE_TRANSFER_REQUEST]
                """.formatted(id, organisation, title, divisions, id), StandardCharsets.UTF_8);
    }

    private int build(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--members", members.toString(), "--authority-cert",
                authorityCert.toString(), "--authority-key", authorityKey.toString(), "--out",
                dir.resolve("out/directory.json").toString()));
        args.addAll(List.of(extra));
        return DirectoryBuild.run(args, new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void buildsASignedDirectoryThatVerifies() throws IOException {
        assertThat(build("--version", "7", "--valid-for", "P7D")).as(printed()).isZero();

        Directory directory = DirectoryDocument.verify(Files.readString(dir.resolve("out/directory.json")),
                List.of(authority), Instant.now());
        assertThat(directory.version()).isEqualTo(7);
        assertThat(Duration.between(directory.issuedAt(), directory.validUntil())).isEqualTo(Duration.ofDays(7));
        assertThat(directory.members()).extracting(DirectoryMember::id).containsExactly("shenzhen-4403", "xian-6101");
        DirectoryMember shenzhen = directory.member("shenzhen-4403").orElseThrow();
        assertThat(shenzhen.title()).isEqualTo("深圳市民政局");
        assertThat(shenzhen.messageTypes()).hasSize(6);
        assertThat(MemberTrust.signingCertificates(shenzhen).get(0).getSubjectX500Principal().getName())
                .isEqualTo("CN=shenzhen-4403");
        assertThat(directory.serving("610113001").orElseThrow().id()).isEqualTo("xian-6101");
        assertThat(printed()).contains("BUILT").contains("version 7, 2 members");
    }

    @Test
    void aBadEntryIsNamedAndNothingIsWritten() throws IOException {
        Files.writeString(members.resolve("xian-6101.yaml"),
                Files.readString(members.resolve("xian-6101.yaml")).replace("[\"6101\", \"610113\"]", "[\"61011\"]"));

        assertThat(build("--version", "2")).isEqualTo(1);
        assertThat(printed()).contains("xian-6101.yaml").contains("61011").contains("2, 4 or 6 digits");
        assertThat(dir.resolve("out/directory.json")).doesNotExist();
    }

    @Test
    void anUnknownFieldAMissingCertificateAndTwoMembersOnOnePrefixAreNamed() throws IOException {
        Files.writeString(members.resolve("xian-6101.yaml"),
                Files.readString(members.resolve("xian-6101.yaml")) + "priority: 1\n");
        Files.delete(members.resolve("shenzhen-4403-sm2.crt.pem"));
        assertThat(build("--version", "2")).isEqualTo(1);
        assertThat(printed()).contains("PROBLEM " + members.resolve("xian-6101.yaml")).contains("priority")
                .contains("PROBLEM " + members.resolve("shenzhen-4403.yaml")).contains("shenzhen-4403-sm2.crt.pem");

        setUp();
        entry("other-4403", "4499", "other", "[\"4403\"]");
        printed.reset();
        assertThat(build("--version", "2")).isEqualTo(1);
        assertThat(printed()).contains("other-4403 (other-4403.yaml)").contains("shenzhen-4403 (shenzhen-4403.yaml)")
                .contains("4403");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(build()).isEqualTo(2);
        assertThat(printed()).contains("--version is required").contains("usage: build-directory");
        printed.reset();
        assertThat(build("--version", "x")).isEqualTo(2);
        printed.reset();
        assertThat(build("--version", "1", "--bogus", "1")).isEqualTo(2);
    }
}
