package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.assistx.gateway.GatewayApplication;
import org.assistx.gateway.chaos.GatewayProcess;
import org.assistx.gateway.crypto.Pem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two city gateways federated under one signed directory, each a process of its own with its own keys, data,
 * port and county bureaus (the built-in simulator playing that city's bureaus with that city's key), as
 * {@code scripts/federation-demo} runs three: a 西安 township asks about a 深圳 hukou holder; no partner folder
 * of 西安's covers 4403, so the request goes to the directory's 深圳 member, whose gateway asks its own county
 * bureaus and answers, signed as 4403. The keys are made here (SM2, Bouncy Castle); the directory is built
 * with the jar's own {@code build-directory} command.
 */
class FederationE2ETest {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final List<GatewayProcess> gateways = new ArrayList<>();

    @AfterEach
    void close() {
        gateways.forEach(GatewayProcess::close);
    }

    /** One city of the federation: its member id, title and keys. */
    private record Member(String id, String title, CityKeys.City city) {
    }

    @Test
    void aXianTownshipAsksAboutAShenzhenHukouHolderAndShenzhensGatewayAnswersFromItsOwnBureaus() throws Exception {
        KeyPair authorityKeys = CityKeys.keyPair();
        X509Certificate authority = CityKeys.certificate("CN=Test federation directory authority", authorityKeys, null,
                null, false);
        Path authorityCert = CityKeys.write(dir.resolve("authority/authority.crt.pem"), Pem.toPem(authority));
        Path authorityKey = CityKeys.write(dir.resolve("authority/authority.key.pem"), Pem.toPem(authorityKeys.getPrivate()));
        Path source = dir.resolve("directory/directory.json");
        Member xian = new Member("xian-6101", "西安市民政局",
                CityKeys.make(dir.resolve("xian-6101"), "6101", "xian-county-bureaus"));
        Member shenzhen = new Member("shenzhen-4403", "深圳市民政局",
                CityKeys.make(dir.resolve("shenzhen-4403"), "4403", "shenzhen-county-bureaus"));

        GatewayProcess xianGateway = gateway(xian, source, authorityCert);
        GatewayProcess shenzhenGateway = gateway(shenzhen, source, authorityCert);
        Path members = dir.resolve("directory/members");
        entry(members, xian, xianGateway);
        entry(members, shenzhen, shenzhenGateway);
        buildDirectory(members, authorityCert, authorityKey, source);

        xianGateway.start();
        shenzhenGateway.start();
        TownshipClient township = new TownshipClient(xianGateway.port());
        TownshipClient.Reply accepted = township.post("/api/v1/verifications", "610113001",
                TownshipClient.dibaoRequest("federation-e2e-1", "440304198807120020", "陈晓梅", "440304001", "URBAN"));
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        String id = accepted.body().path("verificationId").asText();

        await("answered by 深圳 (see " + xianGateway.log() + " and " + shenzhenGateway.log() + ")").atMost(ANSWER_TIMEOUT)
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                        township.get("/api/v1/verifications/" + id, "610113001").body().path("status").asText())
                        .isEqualTo("ANSWERED"));
        JsonNode verification = township.get("/api/v1/verifications/" + id, "610113001").body();
        JsonNode result = verification.path("result");
        assertThat(result.path("outcome").asText()).as(verification.toString()).isEqualTo("RECEIVING");
        assertThat(result.path("records")).hasSize(1);
        assertThat(result.path("records").get(0).path("sourceRecordId").asText()).isEqualTo("SZ-FT-DB-2024-0511");
        assertThat(result.path("records").get(0).path("division").asText()).startsWith("4403");

        List<String> answers = new ArrayList<>();
        verification.path("messages").forEach(m -> {
            // a cross-province question without a proof is a PROOF_REQUEST (深圳 takes them): its answer a PROOF_RESULT
            if (m.path("direction").asText().equals("IN") && m.path("type").asText().endsWith("_RESULT")
                    && !m.path("status").asText().equals("DUPLICATE")) {
                answers.add(m.path("messageId").asText());
            }
        });
        assertThat(answers).as(verification.toString()).hasSize(1);
        // signed by 深圳's gateway with its own key (the one its directory entry names), as 4403
        JsonNode answer = new OpsClient(xianGateway.port()).get("/api/v1/ops/messages/" + answers.get(0) + "/details").body();
        assertThat(answer.path("sender").asText()).as(answer.toString()).startsWith("4403");
        assertThat(answer.path("signer").path("subject").asText()).contains("O=4403");

        JsonNode held = new OpsClient(shenzhenGateway.port()).get("/api/v1/ops/exchange").body();
        assertThat(items(held)).as(held.toString()).hasSize(1);
    }

    /** A gateway process for the member's city: its keys, county bureaus and partner folder, federation on. */
    private GatewayProcess gateway(Member member, Path source, Path authorityCert) {
        CityKeys.City city = member.city();
        GatewayProcess gateway = new GatewayProcess(Path.of("").toAbsolutePath(), dir.resolve(member.id()).resolve("data"),
                dir.resolve(member.id() + ".log"), List.of(
                        "--assistx.policy.served-area-prefix=" + city.area(),
                        "--assistx.partners.directory=" + city.partners(),
                        "--assistx.crypto.organisation=" + city.area(),
                        "--assistx.crypto.certificate=" + city.gatewayCert(),
                        "--assistx.crypto.private-key=" + city.gatewayKey(),
                        "--assistx.crypto.trust-anchors=" + city.gatewayCa() + ",certs-sample/ecdsa/root-ca.pem",
                        "--assistx.simulators.certs-dir=" + city.bureauCertsDir(),
                        "--assistx.simulators.county-bureau.partner=" + city.bureaus(),
                        "--assistx.simulators.county-bureau.organisation=" + city.area(),
                        "--assistx.simulators.county-bureau.signer=" + city.bureauSigner(),
                        "--assistx.rate-limit.requests-per-second=0",
                        "--assistx.federation.enabled=true",
                        "--assistx.federation.member-id=" + member.id(),
                        "--assistx.federation.directory.source=" + source,
                        "--assistx.federation.directory.authority-certificates=" + authorityCert,
                        "--assistx.federation.directory.refresh-interval=PT2S"));
        gateways.add(gateway);
        return gateway;
    }

    /** The member's entry of the directory, naming its gateway's exchange URL and signing certificate. */
    private static void entry(Path members, Member member, GatewayProcess gateway) throws Exception {
        Files.createDirectories(members);
        Files.copy(member.city().gatewayCert(), members.resolve(member.id() + "-sm2.crt.pem"));
        CityKeys.write(members.resolve(member.id() + ".yaml"), """
                id: %s
                organisation: "%s"
                title: %s
                divisions: ["%s"]
                exchangeUrls: ["http://127.0.0.1:%d/api/v1/exchange"]
                signingCertificates: [%s-sm2.crt.pem]
                tlsCertificates: []
                cryptoProfiles: [SM2]
                messageTypes: [VERIFICATION_REQUEST, PROOF_REQUEST, APPROVAL_RESULT_NOTICE, EMERGENCY_AID_NOTICE, PAYMENT_SUSPENSION_NOTICE, CASE_TRANSFER_REQUEST]
                """.formatted(member.id(), member.city().area(), member.title(), member.city().area(), gateway.port(),
                member.id()));
    }

    /** {@code build-directory}, run as the jar runs it (the application's main class) in a process of its own. */
    private void buildDirectory(Path members, Path authorityCert, Path authorityKey, Path out) throws Exception {
        Files.createDirectories(out.getParent());
        Path log = dir.resolve("build-directory.log");
        String classPath = System.getProperty("surefire.test.class.path");
        Process build = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath != null && !classPath.isBlank() ? classPath : System.getProperty("java.class.path"),
                GatewayApplication.class.getName(), "build-directory", "--members", members.toString(),
                "--authority-cert", authorityCert.toString(), "--authority-key", authorityKey.toString(),
                "--version", "1", "--valid-for", "P30D", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(120, TimeUnit.SECONDS)) {
            build.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("build-directory did not end within 120 s; see " + log);
        }
        assertThat(build.exitValue()).as(Files.readString(log)).isZero();
        assertThat(out).exists();
    }

    /** The items of an answer that is a list, or of every list among an object's fields. */
    private static List<JsonNode> items(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(out::add);
        } else {
            node.forEach(field -> {
                if (field.isArray()) {
                    field.forEach(i -> {
                        if (i.isObject()) {
                            out.add(i);
                        }
                    });
                }
            });
        }
        return out;
    }
}
