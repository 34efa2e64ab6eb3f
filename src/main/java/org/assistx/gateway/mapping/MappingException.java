package org.assistx.gateway.mapping;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * A mapping file or a partner answer that cannot be turned into canonical records. The message names
 * what an operator needs to fix it: the partner (or mapping file), the canonical field, the source path
 * and the offending value (an ID number only masked).
 */
public class MappingException extends GatewayException {

    /** A partner answer could not be mapped: unknown code, missing value, bad date or amount, schema breach. */
    public static final String MAPPING_FAILED = Code.MAPPING_FAILED.name();
    /** A {@code mapping.yaml} is invalid; raised when it is loaded, never later. */
    public static final String SPEC_INVALID = Code.MAPPING_SPEC_INVALID.name();
    /** An XML answer carries a DOCTYPE (external entities, entity expansion): refused unread. */
    public static final String XML_UNSAFE = Code.XML_UNSAFE.name();
    /** The partner's answer itself says it failed (its {@code success} check did not hold). */
    public static final String PARTNER_ERROR = Code.PARTNER_REPORTED_ERROR.name();

    public MappingException(Code code, String message) {
        super(code, message);
    }

    public MappingException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public MappingException(String code, String message) {
        super(code, message);
    }

    public MappingException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
