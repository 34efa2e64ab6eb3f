package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.federation.DirectoryDocument;
import org.assistx.gateway.federation.DirectoryMember;
import org.assistx.gateway.federation.FederationDirectory;
import org.assistx.gateway.federation.FederationPki;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole gateway with federation on: the directory read at start from a file source, a newer version taken by
 * the scheduled route core-schedule-directory, a forged one refused (kept out, shown in the operations API and in
 * the refusals), all through the operations API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class FederationDirectoryE2ETest {

    private static final SigningIdentity AUTHORITY = FederationPki.authority("Directory Authority");
    private static final DirectoryMember SHENZHEN = FederationPki.member("shenzhen-4403", "4403", List.of("4403"));
    private static final DirectoryMember XIAN = FederationPki.member("xian-6101", "6101", List.of("6101"));
    private static Path source;

    @DynamicPropertySource
    static void federation(DynamicPropertyRegistry registry) {
        Path data = GatewayTestSupport.freshDataDir(registry, "federation-directory");
        try {
            Files.createDirectories(data);
            Path authority = data.resolve("authority.crt.pem");
            Files.writeString(authority, Pem.toPem(AUTHORITY.certificate()));
            source = data.resolve("published/directory.json");
            Files.createDirectories(source.getParent());
            Files.writeString(source, signed(1, SHENZHEN));
            registry.add("assistx.federation.directory.authority-certificates", authority::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registry.add("assistx.federation.enabled", () -> "true");
        registry.add("assistx.federation.member-id", () -> "xian-6101");
        registry.add("assistx.federation.directory.source", source::toString);
        registry.add("assistx.federation.directory.refresh-interval", () -> "PT1S");
    }

    private static String signed(long version, DirectoryMember... members) {
        return DirectoryDocument.sign(FederationPki.directory(version, Duration.ofDays(7), members), AUTHORITY);
    }

    @LocalServerPort
    int port;

    @Autowired
    FederationDirectory directory;

    @Test
    void theDirectoryIsReadAtStartRefreshedOnScheduleAndAForgeryIsRefused() throws IOException {
        OpsClient ops = new OpsClient(port);
        JsonNode first = ops.get("/api/v1/ops/federation/directory").body();
        assertThat(first.path("enabled").asBoolean()).isTrue();
        assertThat(first.path("memberId").asText()).isEqualTo("xian-6101");
        assertThat(first.path("version").asLong()).isEqualTo(1);
        assertThat(first.path("members").get(0).path("id").asText()).isEqualTo("shenzhen-4403");
        assertThat(first.path("members").get(0).path("signingCertificateExpires").asText()).isNotEmpty();

        Files.writeString(source, signed(2, SHENZHEN, XIAN));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                ops.get("/api/v1/ops/federation/directory").body().path("version").asLong() == 2);
        assertThat(directory.current().orElseThrow().serving("610113001").orElseThrow().id()).isEqualTo("xian-6101");

        SigningIdentity rogue = FederationPki.authority("Directory Authority");
        Files.writeString(source, DirectoryDocument.sign(FederationPki.directory(9, Duration.ofDays(7), XIAN), rogue));
        await().atMost(Duration.ofSeconds(30)).until(() -> ops.get("/api/v1/ops/federation/directory").body()
                .path("lastError").path("code").asText().equals("DIRECTORY_SIGNATURE_INVALID"));
        JsonNode after = ops.get("/api/v1/ops/federation/directory").body();
        assertThat(after.path("version").asLong()).isEqualTo(2);
        assertThat(after.path("members")).hasSize(2);
        JsonNode refusals = ops.get("/api/v1/ops/refusals?channel=DIRECTORY").body().path("refusals");
        assertThat(refusals).isNotEmpty();
        assertThat(refusals.get(0).path("code").asText()).isEqualTo("DIRECTORY_SIGNATURE_INVALID");

        JsonNode routes = ops.get("/api/v1/ops/routes").body();
        boolean scheduled = false;
        for (JsonNode r : routes.isArray() ? routes : routes.path("routes")) {
            scheduled |= r.path("id").asText().equals("core-schedule-directory");
        }
        assertThat(scheduled).isTrue();
    }
}
