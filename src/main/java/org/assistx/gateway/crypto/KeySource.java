package org.assistx.gateway.crypto;

import java.security.cert.X509Certificate;

/**
 * Where the gateway's private key of one crypto profile lives, and the one thing the gateway does with it:
 * sign. {@link FileKeySource} holds a key read from a PEM file (the default); {@link Pkcs11KeySource} leaves
 * the key in a PKCS#11 token (HSM, smart card, SoftHSM) and has the token sign. A key source is opened once,
 * at start-up; {@link #sign} is then called for every message and never looks anything up by name.
 *
 * <p>Signatures are DER {@code SEQUENCE { r INTEGER, s INTEGER }} for every source, as {@link Signatures}
 * verifies them.
 */
public interface KeySource {

    /** The certificate of the key's public half, sent along with each signature. */
    X509Certificate certificate();

    /**
     * The DER signature of {@code data} under {@code profile}'s algorithm.
     *
     * @throws CryptoException {@code UNSUPPORTED_ALGORITHM} if the source cannot sign for the profile,
     *                         {@code KEY_UNREADABLE} if the key refuses to sign
     */
    byte[] sign(CryptoProfile profile, byte[] data);

    /** Where the key is, for messages and logs (a file name, a token and alias); never the key itself. */
    String description();
}
