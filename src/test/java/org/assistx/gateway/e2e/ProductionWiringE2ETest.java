package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.assistx.gateway.GatewayApplication;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SamplePki;
import org.assistx.gateway.ops.ProductionWiring;
import org.assistx.gateway.partner.PartnerProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

/**
 * The production checks ({@code assistx.ops.production-checks}, on in {@code prod}): the shipped demo wiring —
 * partners on the gateway's own port (the simulators) trusting {@code certs-sample/} — and a management port
 * that is missing are refused at start-up with their codes.
 */
class ProductionWiringE2ETest {

    private static final Path DIR = Path.of("target", "test-data", "production-wiring-" + ProcessHandle.current().pid())
            .toAbsolutePath();

    private static void start(String name, String... more) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--assistx.data-dir=" + DIR.resolve(name),
                "--assistx.ops.production-checks=true", "--server.port=" + ExternalBroker.freePort()));
        args.addAll(List.of(more));
        new SpringApplicationBuilder(GatewayApplication.class).profiles("test").run(args.toArray(String[]::new)).close();
    }

    @Test
    void theShippedDemoWiringIsRefused() {
        assertThatThrownBy(() -> start("demo", "--management.server.port=" + ExternalBroker.freePort()))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("DEMO_WIRING")
                .hasMessageContaining("partner xian-county-bureaus endpoint /services/simulator/county-bureau is relative")
                .hasMessageContaining("partner guangdong-44 trusts the sample PKI");
    }

    @Test
    void aManagementPortIsRequired() {
        assertThatThrownBy(() -> start("no-management"))
                .isInstanceOf(GatewayException.class)
                .hasMessageContaining("MANAGEMENT_PORT_REQUIRED");
    }

    @Test
    void anEndpointOnTheGatewaysOwnAddressAndPortIsTheGatewayItself() {
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "8443")
                .withProperty("management.server.port", "9090");
        ProductionWiring wiring = new ProductionWiring(true, null, new PartnerProperties("routes/partners", ""), env);
        assertThat(wiring.selfEndpoint("/services/simulator/county-bureau")).isPresent();
        assertThat(wiring.selfEndpoint("http://127.0.0.1:8443/services/x")).get().asString().contains("gateway itself");
        assertThat(wiring.selfEndpoint("https://localhost:9090/")).isPresent();
        assertThat(wiring.selfEndpoint("http://127.0.0.1:18443/services/x")).isEmpty();
        assertThat(wiring.selfEndpoint("partner.zhejiang-33.requests")).isEmpty();
        ProductionWiring behindProxy = new ProductionWiring(true, null,
                new PartnerProperties("routes/partners", "http://127.0.0.1:18080"), env);
        assertThat(behindProxy.selfEndpoint("/services/x")).isEqualTo(Optional.empty());
    }

    @Test
    void theSamplePkiIsRecognisedByItsCertificates() throws Exception {
        assertThat(SamplePki.isSample(Pem.readCertificate(Path.of("certs-sample/sm2/root-ca.pem")))).isTrue();
        assertThat(SamplePki.isSample(Pem.readCertificate(Path.of("certs-sample/ecdsa/root-ca.pem")))).isTrue();
    }
}
