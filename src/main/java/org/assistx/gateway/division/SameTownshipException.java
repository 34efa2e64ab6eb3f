package org.assistx.gateway.division;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * Thrown by {@link DivisionRegistry#classify(String, String)} when the hukou township is the residence
 * township itself: there is no cross-jurisdiction relation to name. Its {@link #code()} is
 * {@value #CODE}, the same as the API error code.
 */
public class SameTownshipException extends GatewayException {

    public static final String CODE = Code.NOT_CROSS_JURISDICTION.name();

    public SameTownshipException(String message) {
        super(CODE, message);
    }
}
