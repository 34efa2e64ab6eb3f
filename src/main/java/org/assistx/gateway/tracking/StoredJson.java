package org.assistx.gateway.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * JSON the gateway itself wrote to its store and reads back. A failure here is a fault of the gateway
 * ({@code INTERNAL}), never of a caller, so it is not a checked exception at every call site.
 */
public final class StoredJson {

    private StoredJson() {
    }

    public static String write(ObjectMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new GatewayException(Code.INTERNAL, "value cannot be stored as JSON", e);
        }
    }

    public static JsonNode read(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new GatewayException(Code.INTERNAL, "stored JSON cannot be read", e);
        }
    }

    public static <T> T read(ObjectMapper json, String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new GatewayException(Code.INTERNAL, "stored " + type.getSimpleName() + " cannot be read", e);
        }
    }
}
