package org.assistx.gateway.division;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * A division code that is malformed, not in the shipped division list, or not of the level the
 * operation needs. Its {@link #code()} is {@code UNKNOWN_DIVISION}, the same as the API error code.
 */
public class UnknownDivisionException extends GatewayException {

    public static final String CODE = Code.UNKNOWN_DIVISION.name();

    public UnknownDivisionException(String message) {
        super(CODE, message);
    }
}
