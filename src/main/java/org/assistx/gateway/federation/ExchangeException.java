package org.assistx.gateway.federation;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/** A message refused at the exchange endpoint, with the field of the envelope that is wrong (or none). */
public class ExchangeException extends GatewayException {

    private final String field;

    public ExchangeException(Code code, String field, String message) {
        super(code, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
