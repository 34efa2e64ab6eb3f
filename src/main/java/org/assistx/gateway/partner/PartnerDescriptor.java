package org.assistx.gateway.partner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.envelope.MessageType;

/**
 * A partner as its folder describes it ({@code routes/partners/<id>/partner.yaml}).
 *
 * @param covers       division prefixes the partner answers for: a county (6 digits), a city (4) or a
 *                     province (2); routing picks the most specific
 * @param organisation the organisation code that addresses this partner ({@code header.recipient})
 * @param endpoint     absolute URL, or a path starting with {@code /} served by this process (simulators)
 * @param folder       the partner's folder (mapping and samples beside the descriptor)
 */
public record PartnerDescriptor(
        String id,
        String title,
        List<String> covers,
        String organisation,
        Transport transport,
        String endpoint,
        Crypto crypto,
        Timeouts timeouts,
        List<MessageType> messageTypes,
        String mapping,
        Path folder) {

    /** How a partner is reached. */
    public enum Transport { SOAP, REST_JSON, JMS_XML }

    /**
     * @param profile     the algorithm pair the partner signs with
     * @param trustAnchor the CA (PEM file) its signing certificates must chain to, relative to the working dir
     * @param signer      the common name its signing certificate must carry
     */
    public record Crypto(CryptoProfile profile, String trustAnchor, String signer) {
    }

    public record Timeouts(Duration connect, Duration response) {
    }

    public Path mappingFile() {
        return folder.resolve(mapping);
    }

    /** Length of the longest prefix of {@code division} this partner covers, or -1. */
    public int coverage(String division) {
        int best = -1;
        for (String prefix : covers) {
            if (division.startsWith(prefix) && prefix.length() > best) {
                best = prefix.length();
            }
        }
        return best;
    }
}
