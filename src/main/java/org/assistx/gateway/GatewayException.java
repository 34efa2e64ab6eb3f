package org.assistx.gateway;

/**
 * Base of every exception the gateway throws on purpose. Each carries a stable, machine-readable
 * {@link #code()} that ends up in API answers, dead-letter reasons and audit entries.
 */
public class GatewayException extends RuntimeException {

    private final String code;

    public GatewayException(String code, String message) {
        super(message);
        this.code = code;
    }

    public GatewayException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public GatewayException(Code code, String message) {
        this(code.name(), message);
    }

    public GatewayException(Code code, String message, Throwable cause) {
        this(code.name(), message, cause);
    }

    /** Stable reason code, e.g. {@code SIGNATURE_INVALID}. */
    public String code() {
        return code;
    }
}
