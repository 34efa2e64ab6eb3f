package org.assistx.gateway.federation;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.envelope.SignedMessage;
import org.springframework.stereotype.Component;

/**
 * The asking side: a member gateway's signed {@code VERIFICATION_RESULT} / {@code PROOF_RESULT} arriving at our
 * exchange endpoint, answering a request this gateway sent it.
 */
@Component
public class ExchangeAnswers {

    /**
     * Verifies the answer (signed by the member the request went to, bound to the request by its hash) and
     * records it on the verification; the same answer again is {@code ALREADY_HELD}.
     *
     * @throws GatewayException with its code when the answer is refused (nothing is changed)
     */
    public ExchangeReceipt accept(SignedMessage answer) {
        throw new GatewayException(Code.INTERNAL, "not built yet");
    }
}
