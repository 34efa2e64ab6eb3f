package org.assistx.gateway.envelope;

import java.util.EnumMap;
import java.util.Map;
import org.assistx.gateway.crypto.CryptoProfile;

/**
 * The gateway's signers, one per crypto profile it holds a key for: SM2 by default, and e.g. an ECDSA
 * P-256 key for partners without SM2 (DESIGN §5: they get SHA256withECDSA by their crypto profile). A
 * partner whose profile has no key of its own gets the default signer.
 */
public final class EnvelopeSigners {

    private final EnvelopeSigner defaultSigner;
    private final Map<CryptoProfile, EnvelopeSigner> byProfile = new EnumMap<>(CryptoProfile.class);

    public EnvelopeSigners(EnvelopeSigner defaultSigner, Iterable<EnvelopeSigner> others) {
        this.defaultSigner = defaultSigner;
        byProfile.put(defaultSigner.identity().profile(), defaultSigner);
        for (EnvelopeSigner s : others) {
            byProfile.putIfAbsent(s.identity().profile(), s);
        }
    }

    /** The signer for messages to a partner of this profile. */
    public EnvelopeSigner forProfile(CryptoProfile profile) {
        return byProfile.getOrDefault(profile, defaultSigner);
    }
}
