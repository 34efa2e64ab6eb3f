package org.assistx.gateway.federation;

import java.util.List;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.envelope.MessageType;

/**
 * One member gateway of the federation as the signed directory lists it.
 *
 * @param id                  the member's stable id (e.g. {@code shenzhen-4403}); also the id of the route to it
 * @param organisation        the organisation code that addresses it ({@code header.recipient} of a request to it,
 *                            {@code header.sender} of its answers), e.g. {@code 4403}
 * @param title               the organisation's name
 * @param divisions           the division prefixes it serves (province 2, city 4, county 6 digits)
 * @param exchangeUrls        its exchange endpoint(s), {@code https://…/api/v1/exchange}; the first is used, the
 *                            others are alternatives for the same member
 * @param signingCertificates its envelope signing certificates (base64 DER), one per crypto profile (and during
 *                            a rollover the old and the new one); a message from it must be signed by one of them
 * @param tlsCertificates     its TLS server certificates (base64 DER), pinned for the exchange endpoint; may be empty
 * @param cryptoProfiles      the profiles it signs and verifies with
 * @param messageTypes        the message types it accepts at its exchange endpoint
 */
public record DirectoryMember(
        String id,
        String organisation,
        String title,
        List<String> divisions,
        List<String> exchangeUrls,
        List<String> signingCertificates,
        List<String> tlsCertificates,
        List<CryptoProfile> cryptoProfiles,
        List<MessageType> messageTypes) {

    public DirectoryMember {
        divisions = List.copyOf(divisions);
        exchangeUrls = List.copyOf(exchangeUrls);
        signingCertificates = List.copyOf(signingCertificates);
        tlsCertificates = tlsCertificates == null ? List.of() : List.copyOf(tlsCertificates);
        cryptoProfiles = List.copyOf(cryptoProfiles);
        messageTypes = List.copyOf(messageTypes);
    }

    /** Length of the longest prefix of {@code division} this member serves, or -1. */
    public int coverage(String division) {
        int best = -1;
        for (String prefix : divisions) {
            if (division.startsWith(prefix) && prefix.length() > best) {
                best = prefix.length();
            }
        }
        return best;
    }
}
