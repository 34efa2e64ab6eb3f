package org.assistx.gateway.ingress;

import java.util.List;
import org.assistx.gateway.Code;

/** The error body of every refusal: {@code {"errors": [{"code", "field", "message"}]}}. */
public record ApiError(List<Item> errors) {

    public record Item(String code, String field, String message) {
    }

    public static ApiError of(Code code, String field, String message) {
        return of(code.name(), field, message);
    }

    public static ApiError of(String code, String field, String message) {
        return new ApiError(List.of(new Item(code, field, message)));
    }
}
