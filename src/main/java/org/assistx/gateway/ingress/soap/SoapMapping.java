package org.assistx.gateway.ingress.soap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.ingress.ApiError;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Between the typed SOAP elements and what the services of the REST contract take and give: a SOAP request
 * becomes the REST JSON body (the command the same service checks: absent elements are absent fields, dates
 * {@code yyyy-MM-dd}, amounts decimal text), a REST view (a JSON tree or a typed record) becomes the SOAP
 * element with the same field names, and a REST error answer becomes the declared fault with the same codes.
 * A view field the SOAP type lacks is an error, never silently dropped.
 */
public final class SoapMapping {

    private final ObjectMapper commands;
    private final ObjectMapper views;

    public SoapMapping(ObjectMapper json) {
        ObjectMapper base = json.copy().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.commands = base.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
        this.views = base.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The REST JSON body of a typed SOAP request ({@code {}} for none): written and read back as JSON text, so
     * it holds exactly what a REST body would (binary as base64 text, amounts as decimal text).
     */
    public ObjectNode command(Object request) {
        if (request == null) {
            return commands.createObjectNode();
        }
        try {
            return (ObjectNode) commands.readTree(commands.writeValueAsString(request));
        } catch (JsonProcessingException e) {
            throw new GatewayException(Code.INTERNAL, "a SOAP request cannot be written as JSON", e);
        }
    }

    /** A REST view (JSON tree or record) as the SOAP type with the same fields. */
    public <T> T view(Object restView, Class<T> type) {
        return views.convertValue(restView, type);
    }

    /** The fault for a REST error answer: status, {@code Retry-After} and every error with its code. */
    public static VerificationFault fault(ResponseEntity<ApiError> answer) {
        SoapFaultDetail detail = new SoapFaultDetail();
        detail.httpStatus = answer.getStatusCode().value();
        String retryAfter = answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        detail.retryAfterSeconds = retryAfter == null ? null : Long.valueOf(retryAfter);
        List<ApiError.Item> items = answer.getBody() == null ? List.of() : answer.getBody().errors();
        for (ApiError.Item item : items) {
            detail.errors.add(error(Code.find(item.code()).orElse(Code.INTERNAL), item.field(), item.message()));
        }
        detail.code = detail.errors.size() == 1 ? detail.errors.get(0).code
                : detail.errors.isEmpty() ? Code.INTERNAL : Code.POLICY_REFUSED;
        return new VerificationFault(faultString(detail), detail);
    }

    /** The detail of a fault with one error. */
    public static SoapFaultDetail detail(Code code, int httpStatus, String field, String message) {
        SoapFaultDetail detail = new SoapFaultDetail();
        detail.code = code;
        detail.httpStatus = httpStatus;
        detail.errors.add(error(code, field, message));
        return detail;
    }

    /** {@code CODE: message} (the error's, or the code's meaning for several), every fault's {@code faultstring}. */
    public static String faultString(SoapFaultDetail detail) {
        return detail.code.name() + ": " + (detail.errors.size() == 1 ? detail.errors.get(0).message
                : detail.code.meaning());
    }

    private static SoapFaultDetail.Error error(Code code, String field, String message) {
        SoapFaultDetail.Error e = new SoapFaultDetail.Error();
        e.code = code;
        e.field = field;
        e.message = message;
        return e;
    }
}
