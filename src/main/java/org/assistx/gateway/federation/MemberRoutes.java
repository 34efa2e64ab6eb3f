package org.assistx.gateway.federation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.RevocationLocations;
import org.assistx.gateway.mapping.MappingSpec;
import org.assistx.gateway.mapping.RecordMapper;
import org.assistx.gateway.partner.PartnerConfigException;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerRegistry;
import org.assistx.gateway.partner.PartnerTls;
import org.assistx.gateway.partner.TrustBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The asking side of the federation: every member gateway of the directory in force (but this gateway itself)
 * becomes a route like a partner, with the {@code EXCHANGE} transport to its exchange endpoint, its pinned
 * signing certificates as the only trust for its answers, the common format as its mapping and, for an
 * {@code https://} endpoint, its pinned TLS certificates as the only server trust. They are put in force on
 * start and again with each new directory, so a city that joins is reached without a restart; a partner folder
 * covering a place still wins ({@link PartnerRegistry#covering}).
 */
@Component
public class MemberRoutes {

    private static final Logger log = LoggerFactory.getLogger(MemberRoutes.class);
    static final String MAPPING = "/federation/member-mapping.yaml";
    static final PartnerDescriptor.Timeouts TIMEOUTS = new PartnerDescriptor.Timeouts(Duration.ofSeconds(5),
            Duration.ofSeconds(30));
    /**
     * Another city's gateway restarted, upgraded or briefly away is ridden out: twelve retries from 2 s doubling to
     * at most 5 minutes (about 35 minutes in all), and a request is tried for up to a day before it is given up.
     */
    static final PartnerDescriptor.Retry RETRY = new PartnerDescriptor.Retry(12, Duration.ofSeconds(2), 2.0,
            Duration.ofMinutes(5), Duration.ofDays(1));
    /** A check at another city's hukou place goes through its county bureau: as long as another province's. */
    static final int DEADLINE_WORKING_DAYS = 10;

    private final PartnerRegistry partners;
    private final FederationProperties properties;
    private final String mappingTemplate;

    public MemberRoutes(PartnerRegistry partners, FederationProperties properties, FederationDirectory directory) {
        this.partners = partners;
        this.properties = properties;
        this.mappingTemplate = readMapping();
        directory.onChange(this::apply);   // called at once with the directory already in force
    }

    /** Puts the routes of the directory's members (all but this gateway) in force. */
    public synchronized void apply(Directory directory) {
        List<PartnerRegistry.Partner> routes = new ArrayList<>();
        for (DirectoryMember m : directory.members()) {
            if (m.id().equals(properties.memberId())) {
                continue;
            }
            try {
                routes.add(route(m));
            } catch (RuntimeException e) {
                log.warn("Directory member {} is not routed to: {}", m.id(), e.getMessage());
            }
        }
        partners.replaceMembers(routes, directory.validUntil());
        log.info("Directory v{}: {} member gateway(s) routed to", directory.version(), routes.size());
    }

    /** The route to one member. */
    PartnerRegistry.Partner route(DirectoryMember m) {
        if (m.exchangeUrls().isEmpty() || m.signingCertificates().isEmpty()) {
            throw new PartnerConfigException("member " + m.id() + " lists no exchange endpoint or no signing certificate");
        }
        List<X509Certificate> signing = MemberTrust.signingCertificates(m);
        CryptoProfile profile = m.cryptoProfiles().contains(CryptoProfile.SM2) || m.cryptoProfiles().isEmpty()
                ? CryptoProfile.SM2 : m.cryptoProfiles().get(0);
        String signer = commonName(signing.get(0));
        PartnerDescriptor.Crypto crypto = new PartnerDescriptor.Crypto(profile, List.of(), signer,
                PartnerDescriptor.Canonicalization.JCS, RevocationLocations.NONE);
        PartnerDescriptor d = new PartnerDescriptor(m.id(), m.title(), m.divisions(), m.organisation(),
                PartnerDescriptor.Transport.EXCHANGE, m.exchangeUrls().get(0), null, crypto, TIMEOUTS, RETRY, null,
                DEADLINE_WORKING_DAYS, m.messageTypes(), MAPPING, null, null, null);
        RecordMapper mapper = new RecordMapper(MappingSpec.parse(mappingTemplate.replace("${sourceSystem}", m.id()),
                "member " + m.id() + " (" + MAPPING + ")"), m.id());
        TrustBundle bundle = new TrustBundle(List.of(), signing, List.of(), List.of());
        SSLContext tls = tls(m);
        return new PartnerRegistry.Partner(d, MemberTrust.validator(m), mapper, bundle, tls);
    }

    /**
     * TLS to an {@code https://} member: its listed TLS certificates pinned as the only server trust, and this
     * gateway's client certificate ({@code assistx.federation.client-tls}) for a member whose exchange endpoint
     * requires mutual TLS; {@code null} (the JVM's defaults) when neither is given.
     */
    private SSLContext tls(DirectoryMember m) {
        FederationProperties.ClientTls client = properties.clientTls();
        if (m.tlsCertificates().isEmpty() && client.certificate() == null) {
            return null;
        }
        List<X509Certificate> pinned = MemberTrust.tlsCertificates(m);
        if (pinned.isEmpty()) {
            throw new PartnerConfigException("member " + m.id() + " lists no TLS certificate to pin");
        }
        return PartnerTls.context(pinned, client.certificate(), client.privateKey(), "member " + m.id());
    }

    private static String commonName(X509Certificate cert) {
        for (String part : cert.getSubjectX500Principal().getName().split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        throw new PartnerConfigException("signing certificate " + cert.getSubjectX500Principal() + " has no CN");
    }

    private static String readMapping() {
        try (InputStream in = MemberRoutes.class.getResourceAsStream(MAPPING)) {
            if (in == null) {
                throw new IllegalStateException(MAPPING + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(MAPPING + " cannot be read", e);
        }
    }
}
