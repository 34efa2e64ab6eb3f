package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.tracking.VerificationRepository;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Every refusal at the door answers with its stable code and stores nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IngressRefusalE2ETest {

    private static final String PATH = "/api/v1/verifications";

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "refusal");
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    VerificationRepository verifications;

    TownshipClient township;

    @BeforeEach
    void client() {
        township = new TownshipClient(port);
    }

    private String valid(String requestId) {
        return TownshipClient.tourRequest(requestId, "610104199001011234", "张三");
    }

    private int stored() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM verification", Integer.class);
        return n == null ? 0 : n;
    }

    @Test
    void noIdentityIs401() {
        int before = stored();
        TownshipClient.Reply r = township.post(PATH, null, valid("r-401"));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body().path("errors").get(0).path("code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anotherTownshipsResidentIs403() {
        int before = stored();
        TownshipClient.Reply r = township.post(PATH, "610113002", valid("r-403"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().path("errors").get(0).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void townshipOutsideTheServedAreaIs403() {
        String body = valid("r-403b").replace("\"residenceTownship\": \"610113001\"",
                "\"residenceTownship\": \"440106001\"");
        TownshipClient.Reply r = township.post(PATH, "440106001", body);
        assertThat(r.status()).isEqualTo(403);
    }

    @Test
    void notJsonIs400AndNotAnObjectIs400() {
        int before = stored();
        assertThat(township.post(PATH, "610113001", "{not json").status()).isEqualTo(400);
        assertThat(township.post(PATH, "610113001", "[1,2]").status()).isEqualTo(400);
        TownshipClient.Reply dup = township.post(PATH, "610113001", "{\"requestId\":\"a\",\"requestId\":\"b\"}");
        assertThat(dup.status()).isEqualTo(400);
        assertThat(dup.body().path("errors").get(0).path("code").asText()).isEqualTo("MALFORMED_JSON");
        assertThat(stored()).isEqualTo(before);
    }

    /** The default configuration takes no part in a federation: its exchange endpoint refuses, and says so. */
    @Test
    void theExchangeEndpointIs404FederationOffWhenFederationIsOff() {
        TownshipClient.Reply r = township.post("/api/v1/exchange", null, "{\"header\": {}}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().path("errors").get(0).path("code").asText()).isEqualTo("FEDERATION_OFF");
        Integer recorded = jdbc.queryForObject("SELECT COUNT(*) FROM inbound_refusal WHERE channel = 'EXCHANGE' "
                + "AND code = 'FEDERATION_OFF'", Integer.class);
        assertThat(recorded).isPositive();
    }

    @Test
    void oversizeBodyIs413() {
        String big = "{\"requestId\":\"" + "x".repeat(70_000) + "\"}";
        TownshipClient.Reply r = township.post(PATH, "610113001", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body().path("errors").get(0).path("code").asText()).isEqualTo("BODY_TOO_LARGE");
    }

    @Test
    void wrongCheckDigitIs422InvalidIdNumber() {
        int before = stored();
        TownshipClient.Reply r = township.post(PATH, "610113001",
                TownshipClient.tourRequest("r-422a", "610104199001011235", "张三"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("errors").findValuesAsText("code")).contains("INVALID_ID_NUMBER");
        assertThat(r.body().path("errors").findValuesAsText("field")).contains("applicant.idNumber");
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void unknownDivisionAndBadEnumAndBadDateAreAllReportedTogether() {
        String body = valid("r-422b").replace("610104003", "610104999").replace("\"RURAL\"", "\"FARM\"")
                .replace("2026-01-15", "2026-02-30");
        TownshipClient.Reply r = township.post(PATH, "610113001", body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("errors").findValuesAsText("code"))
                .contains("UNKNOWN_DIVISION", "INVALID_FIELD");
        assertThat(r.body().path("errors").size()).isGreaterThanOrEqualTo(3);
        r.body().path("errors").forEach(e -> assertThat(e.path("message").asText()).isNotBlank());
    }

    @Test
    void sameTownshipHukouIs422NotCrossJurisdiction() {
        String body = valid("r-422c").replace("610104003", "610113001");
        TownshipClient.Reply r = township.post(PATH, "610113001", body);
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.body().path("errors").findValuesAsText("code")).contains("NOT_CROSS_JURISDICTION");
    }

    @Test
    void unknownVerificationIs404() {
        TownshipClient.Reply r = township.get(PATH + "/no-such-id", "610113001");
        assertThat(r.status()).isEqualTo(404);
    }

    @Autowired
    ServletWebServerApplicationContext web;

    @Autowired
    Environment environment;

    /** The default configuration (a header identity, an open console) listens on loopback only. */
    @Test
    void theDefaultConfigurationListensOnLoopbackOnly() throws UnknownHostException {
        Object address = ((TomcatWebServer) web.getWebServer()).getTomcat().getConnector().getProperty("address");
        assertThat(address).isInstanceOf(InetAddress.class);
        assertThat(((InetAddress) address).isLoopbackAddress()).as("HTTP bound to " + address).isTrue();
        assertThat(InetAddress.getByName(environment.getProperty("assistx.broker.tcp-host")).isLoopbackAddress())
                .as("the broker's acceptor host").isTrue();
    }
}
