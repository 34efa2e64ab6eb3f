package org.assistx.gateway.partner;

import org.assistx.gateway.GatewayException;

/** A partner folder that cannot be loaded: the message names the file, the field and the problem. */
public class PartnerConfigException extends GatewayException {

    public PartnerConfigException(String message) {
        super("PARTNER_INVALID", message);
    }

    public PartnerConfigException(String message, Throwable cause) {
        super("PARTNER_INVALID", message, cause);
    }
}
