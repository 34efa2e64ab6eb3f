package org.assistx.gateway.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.assistx.gateway.partner.PartnerProperties;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.delivery.PartnerDelivery;
import org.assistx.gateway.delivery.PartnerDeliveryRoutes;
import org.assistx.gateway.delivery.QueueDepths;
import org.assistx.gateway.division.Division;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.tracking.MessageRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * How each partner is doing, read from three places: the partner registry (coverage, transport, endpoint,
 * trust anchor), the message store (last success and failure, pending and recent counts, the partner's
 * signing certificate as last seen, when it last sent the gateway a message) and a reachability probe (a TCP
 * connect to the endpoint, reused for
 * {@code assistx.ops.partner-probe-interval}).
 *
 * <ul>
 *   <li>{@code DOWN}: the partner's circuit breaker is open (its messages wait), the endpoint does not accept
 *       connections, a certificate it depends on expired, or — without the simulators — the endpoint is the
 *       gateway itself ({@code DEMO_WIRING}, never probed)</li>
 *   <li>{@code SUSPENDED}: an operator suspended delivery to the partner (its messages wait)</li>
 *   <li>{@code DEGRADED}: reachable, but deliveries failed within {@code assistx.ops.recent-window} or the
 *       last call failed</li>
 *   <li>{@code UP}: reachable and nothing failing; {@code UNKNOWN}: no probe possible and no traffic yet</li>
 * </ul>
 */
@Component
public class PartnerHealth {

    private static final Logger log = LoggerFactory.getLogger(PartnerHealth.class);

    public enum Health { UP, DEGRADED, DOWN, SUSPENDED, UNKNOWN }

    public enum Reachability { REACHABLE, UNREACHABLE, NOT_PROBED }

    /** A division prefix the partner answers for, with its name. */
    public record Coverage(String prefix, String name) {
    }

    /**
     * One partner as the console shows it.
     *
     * @param lastAnswer          when the partner last sent the gateway a message (an answer, a proof, a notice)
     * @param certificateDaysLeft days until the first of its certificates (trust anchor, intermediate, signer as
     *                            last seen) expires, as {@code assistx_certificate_days_left}; null without one
     */
    public record PartnerView(String id, String title, List<Coverage> covers, String organisation, String transport,
            String endpoint, Health health, String healthReason, Reachability reachability, String probeDetail,
            Instant lastSuccess, Instant lastFailure, String lastFailureReason, long pending, long deliveredRecent,
            long failedRecent, String circuitBreaker, long queued, PartnerDeliveryRoutes.State delivery,
            List<CertificateStatus> certificates, Instant lastAnswer, Long certificateDaysLeft,
            Instant certificateNotAfter) {
    }

    private record Probe(Instant at, Reachability result, String detail) {
    }

    private record Stats(Instant lastSuccess, Instant lastFailure, long pending, long deliveredRecent,
            long failedRecent, Instant lastAnswer) {
        static final Stats NONE = new Stats(null, null, 0, 0, 0, null);
    }

    private final PartnerRegistry partners;
    private final OpsEvents events;
    private final OpsProperties ops;
    private final PartnerProperties partnerProperties;
    private final Environment environment;
    private final DivisionRegistry divisions;
    private final ObjectMapper json;
    private final Clock clock;
    private final MessageRepository messages;
    private final PartnerDeliveryRoutes deliveryRoutes;
    private final QueueDepths queues;
    private final Map<String, Probe> probes = new ConcurrentHashMap<>();
    private final ProductionWiring wiring;

    public PartnerHealth(PartnerRegistry partners, OpsEvents events, OpsProperties ops,
            PartnerProperties partnerProperties, Environment environment, DivisionRegistry divisions,
            ObjectMapper json, Clock clock, MessageRepository messages, PartnerDeliveryRoutes deliveryRoutes,
            QueueDepths queues, ProductionWiring wiring) {
        this.wiring = wiring;
        this.deliveryRoutes = deliveryRoutes;
        this.queues = queues;
        this.partners = partners;
        this.events = events;
        this.ops = ops;
        this.partnerProperties = partnerProperties;
        this.environment = environment;
        this.divisions = divisions;
        this.json = json;
        this.clock = clock;
        this.messages = messages;
    }

    public List<PartnerView> all() {
        Map<String, Stats> stats = stats();
        List<PartnerView> views = new ArrayList<>();
        for (PartnerRegistry.Partner p : partners.all()) {
            views.add(view(p, stats.getOrDefault(p.id(), Stats.NONE)));
        }
        return views;
    }

    public Optional<PartnerView> one(String id) {
        return partners.find(id).map(p -> view(p, stats().getOrDefault(id, Stats.NONE)));
    }

    public List<String> ids() {
        return partners.all().stream().map(PartnerRegistry.Partner::id).toList();
    }

    private PartnerView view(PartnerRegistry.Partner partner, Stats s) {
        PartnerDescriptor d = partner.descriptor();
        Instant now = clock.instant();
        Instant lastSuccess = s.lastSuccess();
        Instant lastFailure = s.lastFailure();
        String lastFailureReason = lastFailure == null ? null : lastFailureReason(d.id());
        Optional<OpsEvents.PartnerCalls> calls = events.partnerCalls(d.id());
        if (calls.isPresent()) {
            OpsEvents.PartnerCalls c = calls.get();
            if (c.lastSuccess() != null && (lastSuccess == null || c.lastSuccess().isAfter(lastSuccess))) {
                lastSuccess = c.lastSuccess();
            }
            if (c.lastFailure() != null && (lastFailure == null || c.lastFailure().at().isAfter(lastFailure))) {
                lastFailure = c.lastFailure().at();
                lastFailureReason = c.lastFailure().reason();
            }
        }
        List<CertificateStatus> certs = certificates(partner, now);
        Optional<String> self = selfEndpoint(d);
        Probe probe = self.isPresent() ? new Probe(now, Reachability.NOT_PROBED, "the endpoint is the gateway itself")
                : probe(d);

        Health health;
        String reason;
        Optional<CertificateStatus> expired = certs.stream().filter(CertificateStatus::expired).findFirst();
        boolean lastCallFailed = lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess));
        boolean recentFailures = s.failedRecent() > 0
                || (lastCallFailed && lastFailure.isAfter(now.minus(ops.recentWindow())));
        PartnerDeliveryRoutes.State delivery = deliveryRoutes.state(d.id());
        long queued = queued(d.id());
        if (delivery.flow() == PartnerDeliveryRoutes.Flow.SUSPENDED) {
            health = Health.SUSPENDED;
            reason = "SUSPENDED by " + delivery.suspension().by() + ": " + delivery.suspension().reason()
                    + " (" + queued + " message(s) waiting)";
        } else if (delivery.flow() == PartnerDeliveryRoutes.Flow.WAITING_FOR_PARTNER) {
            health = Health.DOWN;
            reason = "CIRCUIT_OPEN: " + Math.round(delivery.failureRate()) + " % of the last "
                    + delivery.bufferedCalls() + " calls failed; " + queued + " message(s) waiting"
                    + (lastFailureReason == null ? "" : "; last error: " + lastFailureReason);
        } else if (self.isPresent()) {
            health = Health.DOWN;
            reason = "DEMO_WIRING: endpoint " + d.endpoint() + " " + self.get() + "; not probed";
        } else if (probe.result() == Reachability.UNREACHABLE) {
            health = Health.DOWN;
            reason = "UNREACHABLE: " + probe.detail();
        } else if (expired.isPresent()) {
            health = Health.DOWN;
            reason = "CERTIFICATE_EXPIRED: " + expired.get().role() + " " + expired.get().subject();
        } else if (recentFailures || lastCallFailed) {
            health = Health.DEGRADED;
            reason = "DELIVERY_FAILING: " + (lastFailureReason == null ? "recent deliveries failed" : lastFailureReason);
        } else if (probe.result() == Reachability.NOT_PROBED && lastSuccess == null) {
            health = Health.UNKNOWN;
            reason = "NO_TRAFFIC: not probed (" + d.transport() + ") and no delivery yet";
        } else {
            health = Health.UP;
            reason = certs.stream().filter(CertificateStatus::expiring).findFirst()
                    .map(c -> "CERTIFICATE_EXPIRING: " + c.role() + " in " + c.daysLeft() + " days").orElse("OK");
        }
        List<Coverage> covers = d.covers().stream().map(c -> new Coverage(c, divisionName(c))).toList();
        Optional<CertificateStatus> first = certs.stream().min(java.util.Comparator.comparing(CertificateStatus::notAfter));
        return new PartnerView(d.id(), d.title(), covers, d.organisation(), d.transport().name(), d.endpoint(), health,
                reason, probe.result(), probe.detail(), lastSuccess, lastFailure, lastFailureReason, s.pending(),
                s.deliveredRecent(), s.failedRecent(), delivery.circuitBreaker(), queued, delivery, certs,
                s.lastAnswer(), first.map(CertificateStatus::daysLeft).orElse(null),
                first.map(CertificateStatus::notAfter).orElse(null));
    }

    private long queued(String partnerId) {
        try {
            return queues.depth(PartnerDelivery.queue(partnerId));
        } catch (RuntimeException e) {
            log.debug("Queue of partner {} cannot be counted: {}", partnerId, e.getMessage());
            return -1;
        }
    }

    private String divisionName(String prefix) {
        Optional<Division> d = divisions.find(prefix);
        if (d.isEmpty() && prefix.length() < 6) {
            d = divisions.find(prefix + "0".repeat(6 - prefix.length()));
        }
        return d.map(Division::name).orElse(null);
    }

    private Map<String, Stats> stats() {
        Map<String, Stats> map = new HashMap<>();
        Map<String, Instant> answers = messages.lastInboundByPartner();
        messages.outboundByPartner(clock.instant().minus(ops.recentWindow())).forEach((partner, o) -> map.put(partner,
                new Stats(o.lastSuccess(), o.lastFailure(), o.pending(), o.deliveredRecent(), o.failedRecent(),
                        answers.get(partner))));
        answers.forEach((partner, at) -> map.putIfAbsent(partner, new Stats(null, null, 0, 0, 0, at)));
        return map;
    }

    private String lastFailureReason(String partner) {
        return messages.lastOutboundError(partner).orElse(null);
    }

    private List<CertificateStatus> certificates(PartnerRegistry.Partner partner, Instant now) {
        PartnerDescriptor d = partner.descriptor();
        List<CertificateStatus> certs = new ArrayList<>();
        partner.bundle().anchors().forEach(c -> certs.add(CertificateStatus.of("PARTNER_TRUST_ANCHOR", d.id(), c, now,
                ops.certificateWarning())));
        partner.bundle().intermediates().forEach(c -> certs.add(CertificateStatus.of("PARTNER_INTERMEDIATE_CA", d.id(),
                c, now, ops.certificateWarning())));
        messages.latestInboundEnvelope(d.id()).ifPresent(text -> {
                    try {
                        Envelope e = Envelope.parse(json, text);
                        certs.add(CertificateStatus.of("PARTNER_SIGNER", d.id(),
                                Pem.certificateFromDer(e.certificateDer()), now, ops.certificateWarning()));
                    } catch (RuntimeException e) {
                        log.debug("Last message of partner {} carries no readable certificate: {}", d.id(), e.getMessage());
                    }
                });
        return certs;
    }

    /**
     * Without the simulators (as in prod) an endpoint that is the gateway itself is no partner: it is never
     * probed (the probe would reach the gateway and say UP) and the partner is DOWN with DEMO_WIRING.
     */
    private Optional<String> selfEndpoint(PartnerDescriptor d) {
        if (environment.getProperty("assistx.simulators.enabled", Boolean.class, true)) {
            return Optional.empty();
        }
        return wiring.selfEndpoint(d.endpoint());
    }

    private Probe probe(PartnerDescriptor d) {
        Instant now = clock.instant();
        Probe cached = probes.get(d.id());
        if (cached != null && cached.at().plus(ops.partnerProbeInterval()).isAfter(now)) {
            return cached;
        }
        Probe fresh = probeNow(d, now);
        probes.put(d.id(), fresh);
        return fresh;
    }

    private Probe probeNow(PartnerDescriptor d, Instant now) {
        String address = address(d.endpoint());
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            return new Probe(now, Reachability.NOT_PROBED, "endpoint is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return new Probe(now, Reachability.NOT_PROBED, "no TCP probe for " + d.transport());
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) ops.probeTimeout().toMillis());
            return new Probe(now, Reachability.REACHABLE, uri.getHost() + ":" + port + " accepts connections");
        } catch (IOException e) {
            return new Probe(now, Reachability.UNREACHABLE, uri.getHost() + ":" + port + " " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** A relative endpoint is served by this process (the built-in simulators), as the transports resolve it. */
    private String address(String endpoint) {
        if (endpoint == null || !endpoint.startsWith("/")) {
            return endpoint == null ? "" : endpoint;
        }
        String base = partnerProperties.localBaseUrl();
        if (base == null || base.isBlank()) {
            base = "http://127.0.0.1:" + environment.getProperty("local.server.port",
                    environment.getProperty("server.port", "8080"));
        }
        return base + endpoint;
    }
}
