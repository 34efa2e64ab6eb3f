package org.assistx.gateway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.assistx.gateway.Code;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.ingress.IngressException;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.MessageRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations API: stored envelopes, returned byte for byte as they were signed and sent or received, and a
 * readable account of one (delivery state, header, signature algorithm and signer certificate).
 */
@RestController
@RequestMapping("/api/v1/ops/messages")
public class OpsMessageController {

    /** The signer certificate an envelope carries. */
    public record Signer(String algorithm, String subject, String issuer, String serialNumber, Instant notBefore,
            Instant notAfter) {
    }

    /** A stored message with its delivery state and the parsed envelope. */
    public record Details(String messageId, String verificationId, String direction, String type, String partner,
            String sender, String recipient, String status, int attempts, String lastError, String inReplyTo,
            String signedDigest, Instant createdAt, Instant updatedAt, Signer signer, JsonNode envelope) {
    }

    private final MessageRepository messages;
    private final ObjectMapper json;

    public OpsMessageController(MessageRepository messages, ObjectMapper json) {
        this.messages = messages;
        this.json = json;
    }

    @GetMapping("/{messageId}")
    public ResponseEntity<String> envelope(@PathVariable String messageId) {
        return messages.find(messageId)
                .map(m -> ResponseEntity.ok().contentType(m.envelope().startsWith("<")
                                ? MediaType.APPLICATION_XML : MediaType.APPLICATION_JSON)
                        .header("X-Message-Direction", m.direction().name())
                        .header("X-Message-Type", m.type())
                        .body(m.envelope()))
                .orElseThrow(() -> new IngressException(HttpStatus.NOT_FOUND, Code.NOT_FOUND, "messageId",
                        "没有该报文。 / No such message."));
    }

    @GetMapping(path = "/{messageId}/details", produces = MediaType.APPLICATION_JSON_VALUE)
    public Details details(@PathVariable String messageId) {
        MessageRecord m = messages.find(messageId).orElseThrow(() -> OpsException.notFound("messageId", "该报文"));
        Signer signer = null;
        JsonNode tree;
        try {
            Envelope e = Envelope.parse(json, m.envelope());
            X509Certificate cert = Pem.certificateFromDer(e.certificateDer());
            signer = new Signer(e.signatureAlgorithm(), cert.getSubjectX500Principal().getName(),
                    cert.getIssuerX500Principal().getName(), cert.getSerialNumber().toString(16),
                    cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
            tree = json.readTree(m.envelope());
        } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException e) {
            tree = json.getNodeFactory().textNode(m.envelope());
        }
        return new Details(m.messageId(), m.verificationId(), m.direction().name(), m.type(), m.partner(), m.sender(),
                m.recipient(), m.status().name(), m.attempts(), m.lastError(), m.inReplyTo(), m.signedDigest(),
                m.createdAt(), m.updatedAt(), signer, tree);
    }
}
