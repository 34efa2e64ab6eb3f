package org.assistx.gateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jws.WebService;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.apache.cxf.interceptor.Fault;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.partner.soap.EnvelopeExchangePort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The county civil-affairs bureaus of a city (西安市 by default, {@code assistx.simulators.county-bureau}) as a
 * SOAP service, for the demo and the tests. It checks the
 * request's signature and chain, looks the person up in a small seeded register (in the bureaus' own
 * format: pinyin field names and code tables), and answers a {@code VERIFICATION_RESULT} signed with its own
 * key, carrying the hash of the request. A repeated request message id gets the same answer.
 */
@WebService(serviceName = "EnvelopeExchangeService", portName = "EnvelopeExchangePort",
        endpointInterface = "org.assistx.gateway.partner.soap.EnvelopeExchangePort",
        targetNamespace = EnvelopeExchangePort.NAMESPACE)
public class CountyBureauSimulator implements EnvelopeExchangePort {

    static final Set<MessageType> NOTICES = EnumSet.of(MessageType.APPROVAL_RESULT_NOTICE,
            MessageType.EMERGENCY_AID_NOTICE, MessageType.PAYMENT_SUSPENSION_NOTICE, MessageType.CASE_TRANSFER_REQUEST);
    static final String REGISTER = "/simulator/county-bureau-register.json";

    private static final Logger log = LoggerFactory.getLogger(CountyBureauSimulator.class);

    private final String partner;
    private final ObjectMapper json;
    private final EnvelopeSigner signer;
    private final EnvelopeVerifier verifier;
    private final CertificateValidator trust;
    private final SimulatorReplies replies;
    private final SimulatorFaults faults;
    private final Clock clock;
    private final ArrayNode register;

    /** @param partner the id of the partner folder that reaches this simulator (faults and answers are kept by it) */
    public CountyBureauSimulator(String partner, ObjectMapper json, EnvelopeSigner signer, EnvelopeVerifier verifier,
            CertificateValidator trust, SimulatorReplies replies, SimulatorFaults faults, Clock clock) {
        this.partner = partner;
        this.json = json;
        this.signer = signer;
        this.verifier = verifier;
        this.trust = trust;
        this.replies = replies;
        this.faults = faults;
        this.clock = clock;
        try (InputStream in = getClass().getResourceAsStream(REGISTER)) {
            this.register = (ArrayNode) json.readTree(in);
        } catch (IOException | RuntimeException e) {
            throw new GatewayException(Code.SIMULATOR_INVALID, "county bureau register " + REGISTER + " cannot be read", e);
        }
    }

    public String partner() {
        return partner;
    }

    @Override
    public String exchange(String envelopeText) {
        try {
            return faults.apply(partner, () -> take(envelopeText)).text();
        } catch (SimulatorFaults.Simulated e) {
            // An injected fault: a SOAP Server fault (HTTP 500), which a sender may try again.
            log.warn("County bureau simulator fails a request: {}", e.getMessage());
            Fault fault = new Fault(e);
            fault.setFaultCode(Fault.FAULT_CODE_SERVER);
            throw fault;
        }
    }

    private String take(String envelopeText) {
        Envelope request;
        try {
            request = Envelope.parse(json, envelopeText);
            verifier.verify(request, trust);
        } catch (GatewayException e) {
            log.warn("County bureau simulator refuses a request: {}", e.getMessage());
            throw clientFault(e);
        }
        if (NOTICES.contains(request.type())) {
            // A one-way notice: taken once (a repeat has no second effect), acknowledged with an empty answer.
            log.info("County bureau simulator takes {} {}", request.type(), request.messageId());
            return replies.answerOnce(partner, request.messageId(), () -> "");
        }
        if (request.type() != MessageType.VERIFICATION_REQUEST) {
            throw clientFault(new GatewayException(Code.UNSUPPORTED_TYPE, "type " + request.type() + " is not answered here"));
        }
        return replies.answerOnce(partner, request.messageId(), () -> answer(request));
    }

    /** A SOAP Client fault: the request is refused and sending it again will not help. */
    static Fault clientFault(GatewayException cause) {
        Fault fault = new Fault(cause);
        fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        return fault;
    }

    private String answer(Envelope request) {
        String idNumber = request.payload().path("person").path("idNumber").asText();
        ObjectNode payload = json.createObjectNode();
        payload.put("sfzh", idNumber);
        payload.put("hcdw", request.header().recipient());
        ArrayNode found = payload.putArray("jzxx");
        for (JsonNode row : register) {
            if (idNumber.equals(row.path("sfzh").asText())) {
                found.add(row.deepCopy());
            }
        }
        EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(), request.header().correlationId(),
                MessageType.VERIFICATION_RESULT, request.header().recipient(), request.header().sender(),
                clock.instant(), EnvelopeHeader.SCHEMA_VERSION, request.signedDigest(), null, null);
        return signer.sign(header, payload).text();
    }
}
