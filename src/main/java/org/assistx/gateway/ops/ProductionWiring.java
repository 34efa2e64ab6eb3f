package org.assistx.gateway.ops;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.SamplePki;
import org.assistx.gateway.partner.PartnerProperties;
import org.assistx.gateway.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * What the {@code prod} profile refuses to start with ({@code assistx.ops.production-checks=true}):
 *
 * <ul>
 *   <li>{@link Code#MANAGEMENT_PORT_REQUIRED}: no {@code management.server.port}, or the API's own port — the
 *       probes and Prometheus must be reachable without a township certificate;</li>
 *   <li>{@link Code#DEMO_WIRING}: a partner whose endpoint is the gateway itself (a relative endpoint, served
 *       by the simulators, or an address of this machine on the gateway's own port), or whose trust anchors
 *       are certificates of the sample PKI ({@code certs-sample/}).</li>
 * </ul>
 *
 * <p>{@link #selfEndpoint} also keeps {@link PartnerHealth} from probing the gateway in place of a partner.
 */
@Component
public class ProductionWiring implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ProductionWiring.class);

    private final boolean enabled;
    private final PartnerRegistry partners;
    private final PartnerProperties partnerProperties;
    private final Environment environment;

    public ProductionWiring(@Value("${assistx.ops.production-checks:false}") boolean enabled, PartnerRegistry partners,
            PartnerProperties partnerProperties, Environment environment) {
        this.enabled = enabled;
        this.partners = partners;
        this.partnerProperties = partnerProperties;
        this.environment = environment;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!enabled) {
            return;
        }
        String api = environment.getProperty("server.port", "8080");
        String management = environment.getProperty("management.server.port", "");
        if (management.isBlank() || management.equals(api)) {
            throw new GatewayException(Code.MANAGEMENT_PORT_REQUIRED, Code.MANAGEMENT_PORT_REQUIRED.name()
                    + ": set ASSISTX_MANAGEMENT_PORT (management.server.port) to a port other than the API's " + api
                    + " (now '" + management + "'): probes and Prometheus are served there without mTLS");
        }
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new GatewayException(Code.DEMO_WIRING, Code.DEMO_WIRING.name() + ": " + String.join("; ", problems));
        }
        log.info("Production wiring checked: management on port {}, {} partner(s) with their own endpoints and trust",
                management, partners.all().size());
    }

    /** Each partner wired to the demo: its endpoint is the gateway itself, or it trusts the sample PKI. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (PartnerRegistry.Partner p : partners.all()) {
            selfEndpoint(p.descriptor().endpoint()).ifPresent(why -> problems.add("partner " + p.id() + " endpoint "
                    + p.descriptor().endpoint() + " " + why));
            p.bundle().anchors().stream().filter(SamplePki::isSample).findFirst().ifPresent(c -> problems.add("partner "
                    + p.id() + " trusts the sample PKI (" + c.getSubjectX500Principal().getName() + ", certs-sample/)"));
        }
        return problems;
    }

    /**
     * Why an endpoint is the gateway itself, if it is: relative (served by this process) with no
     * {@code assistx.partners.local-base-url}, or an address of this machine on the gateway's own HTTP port.
     */
    public Optional<String> selfEndpoint(String endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        String address = endpoint;
        if (endpoint.startsWith("/")) {
            String base = partnerProperties.localBaseUrl();
            if (base == null || base.isBlank()) {
                return Optional.of("is relative: it is served by the gateway itself (the demo's simulators)");
            }
            address = base + endpoint;
        }
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Optional.empty();
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (!ownPorts().contains(port)) {
            return Optional.empty();
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
                if (a.isLoopbackAddress() || a.isAnyLocalAddress() || NetworkInterface.getByInetAddress(a) != null) {
                    return Optional.of("resolves to the gateway itself (" + a.getHostAddress() + ":" + port + ")");
                }
            }
        } catch (UnknownHostException | SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private List<Integer> ownPorts() {
        List<Integer> ports = new ArrayList<>();
        for (String key : List.of("local.server.port", "server.port", "local.management.port", "management.server.port")) {
            String value = environment.getProperty(key);
            if (value != null && value.matches("\\d+") && Integer.parseInt(value) > 0) {
                ports.add(Integer.parseInt(value));
            }
        }
        return ports;
    }
}
