package org.assistx.gateway.partner;

import java.util.List;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;

/**
 * A partner folder that cannot be loaded: the message names the file, the field and the problem. When
 * several folders were checked at once, {@link #problems()} lists every problem found.
 */
public class PartnerConfigException extends GatewayException {

    private final transient List<String> problems;

    public PartnerConfigException(String message) {
        super(Code.PARTNER_INVALID, message);
        this.problems = List.of(message);
    }

    public PartnerConfigException(String message, Throwable cause) {
        super(Code.PARTNER_INVALID, message, cause);
        this.problems = List.of(message);
    }

    public PartnerConfigException(List<String> problems) {
        super(Code.PARTNER_INVALID, String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each naming its file, field and what is wrong. */
    public List<String> problems() {
        return problems;
    }
}
