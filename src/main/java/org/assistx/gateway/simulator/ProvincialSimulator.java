package org.assistx.gateway.simulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.xpath.XPathExpressionException;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.envelope.SignedMessage;
import org.assistx.gateway.envelope.XmlCanonicalization;
import org.assistx.gateway.envelope.XmlEnvelope;
import org.assistx.gateway.mapping.CanonicalSchemas;
import org.assistx.gateway.mapping.SafeXml;
import org.assistx.gateway.partner.PartnerConfigException;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerDescriptorLoader;
import org.assistx.gateway.partner.PartnerValidator;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * A provincial partner system as its folder describes it: {@code partner.yaml} says how it talks (JSON or
 * XML envelope, crypto profile, organisation) and {@code simulator.yaml} holds its signing key, where the
 * person is in its request, and its register: the answer (in the partner's own format) for each seeded ID
 * number and a default answer for anyone else. Copying a partner folder copies its simulator.
 *
 * <p>It checks the gateway's signature and chain, answers a repeated request message id with the same
 * answer (idempotent receipt), and signs its answer with its own key, carrying the request's hash.
 *
 * <p>Answer templates may use {@code ${idNumber}}, {@code ${name}}, {@code ${division}}, {@code ${county}}
 * (its first six digits) and {@code ${today|pattern}} or {@code ${today+N|pattern}} (N days on), escaped
 * for the partner's format.
 */
final class ProvincialSimulator {

    static final String FILE = PartnerValidator.SIMULATOR;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(idNumber|name|division|county|today)"
            + "(?:\\+(\\d{1,4}))?(?:\\|([^}]+))?}");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final PartnerDescriptor partner;
    private final EnvelopeSigner signer;
    private final EnvelopeVerifier verifier;
    private final CertificateValidator gatewayTrust;
    private final SimulatorReplies replies;
    private final Clock clock;
    private final ObjectMapper json;
    private final Map<String, String> requestPaths;
    private final Map<String, String> namespaces;
    private final Map<String, String> answers;
    private final String fallback;

    private ProvincialSimulator(PartnerDescriptor partner, EnvelopeSigner signer, EnvelopeVerifier verifier,
            CertificateValidator gatewayTrust, SimulatorReplies replies, Clock clock, ObjectMapper json,
            Map<String, String> requestPaths, Map<String, String> namespaces, Map<String, String> answers,
            String fallback) {
        this.partner = partner;
        this.signer = signer;
        this.verifier = verifier;
        this.gatewayTrust = gatewayTrust;
        this.replies = replies;
        this.clock = clock;
        this.json = json;
        this.requestPaths = requestPaths;
        this.namespaces = namespaces;
        this.answers = answers;
        this.fallback = fallback;
    }

    static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE)) && Files.isRegularFile(folder.resolve(PartnerDescriptorLoader.DESCRIPTOR));
    }

    static ProvincialSimulator load(Path folder, ObjectMapper json, EnvelopeVerifier verifier,
            CertificateValidator gatewayTrust, SimulatorReplies replies, Clock clock) {
        PartnerDescriptor partner = new PartnerDescriptorLoader().load(folder);
        Path file = folder.resolve(FILE);
        JsonNode root;
        try {
            root = PartnerDescriptorLoader.readYaml(file);
            PartnerDescriptorLoader.checkSchema(file, CanonicalSchemas.SIMULATOR, root);
        } catch (PartnerConfigException e) {
            throw invalid(e.getMessage(), e);
        }
        JsonNode s = root.path("signer");
        SigningIdentity identity;
        try {
            identity = SigningIdentity.load(partner.organisation(), partner.crypto().profile(),
                    Path.of(s.path("certificate").asText()), Path.of(s.path("privateKey").asText()));
        } catch (GatewayException e) {
            throw invalid(file + ": field 'signer': " + e.getMessage(), e);
        }
        Map<String, String> paths = new LinkedHashMap<>();
        Map<String, String> ns = new LinkedHashMap<>();
        JsonNode req = root.path("request");
        for (String field : new String[] {"idNumber", "name", "division"}) {
            if (req.hasNonNull(field)) {
                paths.put(field, req.get(field).asText());
            }
        }
        req.path("namespaces").fields().forEachRemaining(e -> ns.put(e.getKey(), e.getValue().asText()));
        Map<String, String> answers = new LinkedHashMap<>();
        root.path("answers").fields().forEachRemaining(e -> answers.put(e.getKey(), e.getValue().asText()));
        return new ProvincialSimulator(partner, new EnvelopeSigner(json, identity), verifier, gatewayTrust, replies,
                clock, json, paths, ns, answers, root.path("default").asText());
    }

    PartnerDescriptor partner() {
        return partner;
    }

    /**
     * The signed answer to a request envelope's text.
     *
     * @throws GatewayException when the request is refused (bad envelope, signature, chain, type)
     */
    String answer(String requestText) {
        SignedMessage request = partner.xmlEnvelope() ? XmlEnvelope.parse(requestText) : Envelope.parse(json, requestText);
        verifier.verify(request, gatewayTrust);
        MessageType replyType = request.type().replyType();
        if (replyType == null || !partner.accepts(request.type())) {
            throw new GatewayException(Code.UNSUPPORTED_TYPE, "type " + request.type() + " is not answered by "
                    + partner.id());
        }
        return replies.answerOnce(partner.id(), request.messageId(), () -> reply(request, replyType));
    }

    private String reply(SignedMessage request, MessageType replyType) {
        Map<String, String> person = new LinkedHashMap<>();
        requestPaths.forEach((field, path) -> person.put(field, read(request, path)));
        String idNumber = person.get("idNumber");
        if (idNumber == null || idNumber.isBlank()) {
            throw new GatewayException(Code.SIMULATOR_REQUEST_INVALID, "the request has no ID number at "
                    + requestPaths.get("idNumber"));
        }
        String division = person.getOrDefault("division", "");
        person.put("county", division.length() >= 6 ? division.substring(0, 6) : division);
        String payload = render(answers.getOrDefault(idNumber.toUpperCase(), fallback), person);
        EnvelopeHeader header = new EnvelopeHeader(UUID.randomUUID().toString(), request.header().correlationId(),
                replyType, request.header().recipient(), request.header().sender(), clock.instant(),
                EnvelopeHeader.SCHEMA_VERSION, request.signedDigest(), null, null);
        Optional<XmlCanonicalization> xml = partner.crypto().canonicalization().xml();
        if (xml.isPresent()) {
            return signer.signXml(header, payload, xml.get()).text();
        }
        try {
            return signer.sign(header, json.readTree(payload)).text();
        } catch (IOException e) {
            throw invalid(partner.folder().resolve(FILE) + ": an answer is not valid JSON: " + e.getMessage(), e);
        }
    }

    private String read(SignedMessage request, String path) {
        if (request instanceof Envelope e) {
            JsonNode v = e.payload().at(path);
            return v.isValueNode() ? v.asText() : null;
        }
        try {
            Document doc = SafeXml.newDocumentBuilder().parse(new InputSource(new StringReader(
                    ((XmlEnvelope) request).payloadXml())));
            String v = SafeXml.newXPath(namespaces).evaluate(path, doc);
            return v == null || v.isBlank() ? null : v.strip();
        } catch (XPathExpressionException | org.xml.sax.SAXException | IOException e) {
            throw new GatewayException(Code.SIMULATOR_REQUEST_INVALID, "cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private String render(String template, Map<String, String> person) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value;
            if (m.group(1).equals("today")) {
                LocalDate day = LocalDate.now(clock.withZone(CHINA));
                if (m.group(2) != null) {
                    day = day.plusDays(Integer.parseInt(m.group(2)));
                }
                value = m.group(3) == null ? day.toString() : day.format(DateTimeFormatter.ofPattern(m.group(3)));
            } else {
                value = person.getOrDefault(m.group(1), "");
                value = value == null ? "" : value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String escape(String v) {
        if (!partner.xmlEnvelope()) {
            return new String(JsonStringEncoder.getInstance().quoteAsString(v));
        }
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }

    private static GatewayException invalid(String message, Throwable cause) {
        return new GatewayException(Code.SIMULATOR_INVALID, message, cause);
    }
}
