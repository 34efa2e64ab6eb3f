package org.assistx.gateway.envelope;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.assistx.gateway.Code;

/**
 * The header of an envelope (DESIGN §5). {@code requestHash} is set on replies; {@code purpose} and
 * {@code caseId} on requests, so every disclosure of personal data can be accounted for.
 */
public record EnvelopeHeader(
        String messageId,
        String correlationId,
        MessageType type,
        String sender,
        String recipient,
        Instant createdAt,
        String schemaVersion,
        String requestHash,
        String purpose,
        String caseId) {

    public static final String SCHEMA_VERSION = "1";

    private static final Set<String> KNOWN = Set.of("messageId", "correlationId", "type", "sender", "recipient",
            "createdAt", "schemaVersion", "requestHash", "purpose", "caseId");

    public ObjectNode toJson() {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("messageId", messageId);
        h.put("correlationId", correlationId);
        h.put("type", type.name());
        h.put("sender", sender);
        h.put("recipient", recipient);
        h.put("createdAt", createdAt.toString());
        h.put("schemaVersion", schemaVersion);
        if (requestHash != null) {
            h.put("requestHash", requestHash);
        }
        if (purpose != null) {
            h.put("purpose", purpose);
        }
        if (caseId != null) {
            h.put("caseId", caseId);
        }
        return h;
    }

    static EnvelopeHeader fromJson(JsonNode h) {
        if (h == null || !h.isObject()) {
            throw malformed("header is missing or not an object");
        }
        h.fieldNames().forEachRemaining(name -> {
            if (!KNOWN.contains(name)) {
                throw malformed("unknown header field '" + name + "'");
            }
        });
        MessageType type;
        try {
            type = MessageType.valueOf(text(h, "type", true));
        } catch (IllegalArgumentException e) {
            throw malformed("unknown message type '" + h.path("type").asText() + "'");
        }
        Instant createdAt;
        try {
            createdAt = Instant.parse(text(h, "createdAt", true));
        } catch (DateTimeParseException e) {
            throw malformed("createdAt is not an ISO-8601 instant");
        }
        return new EnvelopeHeader(text(h, "messageId", true), text(h, "correlationId", true), type,
                text(h, "sender", true), text(h, "recipient", true), createdAt, text(h, "schemaVersion", true),
                text(h, "requestHash", false), text(h, "purpose", false), text(h, "caseId", false));
    }

    private static String text(JsonNode h, String field, boolean required) {
        JsonNode v = h.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw malformed("header." + field + " is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isEmpty() || v.asText().length() > 200) {
            throw malformed("header." + field + " must be a non-empty string of at most 200 characters");
        }
        return v.asText();
    }

    private static EnvelopeException malformed(String why) {
        return new EnvelopeException(Code.ENVELOPE_MALFORMED, why);
    }
}
