package org.assistx.gateway.audit;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/** The audit chain could not be written or read. */
public class AuditException extends GatewayException {

    public AuditException(Code code, String message) {
        super(code, message);
    }

    public AuditException(String code, String message) {
        super(code, message);
    }
}
