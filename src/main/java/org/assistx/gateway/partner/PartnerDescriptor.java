package org.assistx.gateway.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.RevocationLocations;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.envelope.XmlCanonicalization;

/**
 * A partner as its folder describes it ({@code routes/partners/<id>/partner.yaml}).
 *
 * @param covers       division prefixes the partner answers for: a county (6 digits), a city (4) or a
 *                     province (2); routing picks the most specific
 * @param organisation the organisation code that addresses this partner ({@code header.recipient})
 * @param endpoint     absolute URL, or a path starting with {@code /} served by this process (simulators);
 *                     for {@code JMS_XML} the request queue
 * @param replyTo      {@code JMS_XML} only: the queue the partner answers on (correlation by JMSCorrelationID)
 * @param retry        redelivery of this partner's messages, or {@code null} for the deployment's defaults
 * @param circuitBreaker the breaker in front of this partner, or {@code null} for the deployment's defaults
 * @param deadlineWorkingDays the business deadline of a verification routed to this partner, in working days,
 *                     or {@code null} for the deployment's {@code assistx.ops.deadline-working-days}
 * @param request      how this partner's request payload is written, or {@code null} for the gateway's own
 *                     canonical request payload (JSON partners only)
 * @param folder       the partner's folder (mapping and samples beside the descriptor)
 * @param tls          TLS settings for an {@code https://} endpoint, or {@code null} for the JVM's defaults
 */
public record PartnerDescriptor(
        String id,
        String title,
        List<String> covers,
        String organisation,
        Transport transport,
        String endpoint,
        String replyTo,
        Crypto crypto,
        Timeouts timeouts,
        Retry retry,
        CircuitBreaker circuitBreaker,
        Integer deadlineWorkingDays,
        List<MessageType> messageTypes,
        String mapping,
        RequestTemplate request,
        Path folder,
        Tls tls) {

    /**
     * TLS to a partner's {@code https://} endpoint: the CA certificates its server certificate chains to
     * (PEM, any number), and optionally the gateway's client certificate and key for mutual TLS; paths
     * resolved against the partner folder.
     */
    public record Tls(Path serverCa, Path clientCertificate, Path clientKey) {
    }

    /** How a partner is reached; each has its transport route {@code routes/core/core-transport-<route>.camel.yaml}. */
    public enum Transport {
        /** SOAP 1.1 through CXF, the JSON envelope as one string element. */
        SOAP("soap"),
        /** The JSON envelope POSTed over HTTP(S); the signed reply envelope is the response body. */
        REST_JSON("rest"),
        /** The XML envelope as a JMS text message on a request queue; the reply on a reply queue. */
        JMS_XML("jms"),
        /**
         * Another gateway of the federation (a member of the signed directory, never a folder): the JSON envelope
         * POSTed to its exchange endpoint, which answers {@code 202} once it stored it; the signed answer comes
         * later to this gateway's own exchange endpoint.
         */
        EXCHANGE("exchange");

        private final String route;

        Transport(String route) {
            this.route = route;
        }

        /** The suffix of the transport route ({@code direct:core-transport-<route>}). */
        public String route() {
            return route;
        }
    }

    /**
     * @param profile          the algorithm pair the partner signs with
     * @param trust            the files and folders of its trust bundle (anchors, intermediates, CRLs; see
     *                         {@link TrustBundle}), resolved against the partner folder
     * @param signer           the common name its signing certificate must carry
     * @param canonicalization the bytes signatures cover: {@code JCS} for the JSON envelope, an XML canonical
     *                         form for the XML envelope of a partner whose own messages are XML
     */
    public record Crypto(CryptoProfile profile, List<Path> trust, String signer, Canonicalization canonicalization,
            RevocationLocations revocation) {
    }

    /** The canonical form a partner's messages are signed over; it also decides the envelope's rendering. */
    public enum Canonicalization {
        /** RFC 8785 JSON canonicalization: the JSON envelope. */
        JCS(null),
        /** Exclusive XML C14N 1.0 without comments: the XML envelope. */
        EXCLUSIVE_XML_C14N(XmlCanonicalization.EXCLUSIVE_XML_C14N),
        /** Canonical XML 1.0 without comments: the XML envelope. */
        INCLUSIVE_XML_C14N(XmlCanonicalization.INCLUSIVE_XML_C14N);

        private final XmlCanonicalization xml;

        Canonicalization(XmlCanonicalization xml) {
            this.xml = xml;
        }

        /** The XML canonical form, or empty for the JSON envelope. */
        public Optional<XmlCanonicalization> xml() {
            return Optional.ofNullable(xml);
        }
    }

    public record Timeouts(Duration connect, Duration response) {
    }

    /**
     * Redelivery towards this partner: exponential backoff with jitter.
     *
     * @param maximumRedeliveries attempts after the first one (0 = no retry)
     * @param initialDelay        the wait before the first retry
     * @param multiplier          the factor each further wait grows by (at least 1)
     * @param maximumDelay        the longest wait between two attempts
     * @param maximumAge          how long after it was queued a message may still be tried (also while it waits
     *                            behind an open circuit breaker), or {@code null} for the deployment's default
     */
    public record Retry(int maximumRedeliveries, Duration initialDelay, double multiplier, Duration maximumDelay,
            Duration maximumAge) {
    }

    /**
     * The circuit breaker in front of this partner (Resilience4j's settings, by their names).
     *
     * @param failureRateThreshold          percentage (1–100) of failed calls that opens the breaker
     * @param slidingWindowSize             number of recent calls the rate is computed over
     * @param minimumNumberOfCalls          calls needed before the rate counts
     * @param waitDurationInOpenState       how long the breaker stays open before it lets calls try again
     * @param permittedCallsInHalfOpenState trial calls while half open
     */
    public record CircuitBreaker(int failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
            Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {
    }

    /** Whether the answer comes later, as a message of its own, rather than in the transport's reply. */
    public boolean answersLater() {
        return transport == Transport.EXCHANGE;
    }

    /** Whether this partner's messages are XML envelopes. */
    public boolean xmlEnvelope() {
        return crypto.canonicalization().xml().isPresent();
    }

    /** Whether the partner accepts messages of this type. */
    public boolean accepts(MessageType type) {
        return messageTypes.contains(type);
    }

    public Path mappingFile() {
        return folder.resolve(mapping);
    }

    /** Length of the longest prefix of {@code division} this partner covers, or -1. */
    public int coverage(String division) {
        int best = -1;
        for (String prefix : covers) {
            if (division.startsWith(prefix) && prefix.length() > best) {
                best = prefix.length();
            }
        }
        return best;
    }
}
