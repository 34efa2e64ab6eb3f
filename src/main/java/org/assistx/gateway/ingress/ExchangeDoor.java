package org.assistx.gateway.ingress;

import java.io.InputStream;
import org.assistx.gateway.federation.ExchangeInbound;
import org.assistx.gateway.federation.ExchangeReceipt;
import org.assistx.gateway.tracking.InboundRefusals;
import org.springframework.stereotype.Component;

/**
 * What the three doors of the exchange endpoint (REST, JMS, SOAP) do alike: read the body with the limits of every
 * ingress body ({@link JsonBodyReader}; a body refused there is recorded on channel {@code EXCHANGE} with its
 * source), then hand the envelope to {@link ExchangeInbound}, whose own refusals it records itself.
 */
@Component
public class ExchangeDoor {

    private final JsonBodyReader reader;
    private final ExchangeInbound inbound;
    private final InboundRefusals refusals;

    public ExchangeDoor(JsonBodyReader reader, ExchangeInbound inbound, InboundRefusals refusals) {
        this.reader = reader;
        this.inbound = inbound;
        this.refusals = refusals;
    }

    /**
     * Takes one envelope from {@code source} (a remote address, or the queue or service it came by).
     *
     * @throws IngressException for a body that is not a bounded JSON object (recorded here)
     * @throws org.assistx.gateway.GatewayException for an envelope {@link ExchangeInbound} refuses
     */
    public ExchangeReceipt take(InputStream body, long declaredLength, String source) {
        String envelope;
        try {
            envelope = reader.readObject(body, declaredLength).toString();
        } catch (IngressException e) {
            refusals.record(new InboundRefusals.Entry(InboundRefusals.Channel.EXCHANGE, null, null, e.code(), null,
                    null, source, e.getMessage()));
            throw e;
        }
        return inbound.receive(envelope, source);
    }

    /** Takes one envelope given as text (a JMS text message, a SOAP string element). */
    public ExchangeReceipt take(String text, String source) {
        byte[] bytes = text == null ? new byte[0] : text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return take(new java.io.ByteArrayInputStream(bytes), bytes.length, source);
    }
}
