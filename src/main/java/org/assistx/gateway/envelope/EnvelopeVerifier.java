package org.assistx.gateway.envelope;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assistx.gateway.Code;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoException;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.Signatures;

/**
 * Checks an inbound envelope, JSON or XML (DESIGN §5): the signature over the canonical bytes, the signer certificate's
 * chain to the trust anchors and its validity at {@code createdAt}, and {@code createdAt} inside the window.
 * Replays are refused by the message store (message id unique); {@code requestHash} by the caller that knows
 * the request.
 */
public final class EnvelopeVerifier {

    /** A reply whose {@code header.sender} is not the organisation the request was sent to. */
    public static final String SENDER_MISMATCH = Code.SENDER_MISMATCH.name();
    /** A reply whose {@code header.recipient} is not the organisation that sent the request. */
    public static final String RECIPIENT_MISMATCH = Code.RECIPIENT_MISMATCH.name();

    private final List<X509Certificate> intermediates;
    private final Clock clock;
    private final Duration maxAge;
    private final Duration clockSkew;

    public EnvelopeVerifier(List<X509Certificate> intermediates, Clock clock, Duration maxAge, Duration clockSkew) {
        this.intermediates = List.copyOf(intermediates);
        this.clock = clock;
        this.maxAge = maxAge;
        this.clockSkew = clockSkew;
    }

    /** Verifies the envelope against the given trust; returns the signer certificate. */
    public X509Certificate verify(SignedMessage envelope, CertificateValidator trust) {
        return verify(envelope, trust, true);
    }

    /**
     * Verifies a signed document (e.g. a proof of non-receipt issued weeks ago): signature and chain at its
     * {@code createdAt}, not dated in the future, but no maximum age.
     */
    public X509Certificate verifyDocument(SignedMessage envelope, CertificateValidator trust) {
        return verify(envelope, trust, false);
    }

    private X509Certificate verify(SignedMessage envelope, CertificateValidator trust, boolean fresh) {
        try {
            CryptoProfile profile = CryptoProfile.fromSignatureAlgorithm(envelope.signatureAlgorithm());
            X509Certificate signer = Pem.certificateFromDer(envelope.certificateDer());
            if (!Signatures.verify(profile, publicKey(signer), envelope.signedBytes(), envelope.signatureValue())) {
                throw new EnvelopeException(Code.SIGNATURE_INVALID,
                        "signature of message " + envelope.messageId() + " does not verify");
            }
            Instant createdAt = envelope.header().createdAt();
            Instant now = clock.instant();
            if (createdAt.isAfter(now.plus(clockSkew))) {
                throw new EnvelopeException(Code.MESSAGE_FROM_FUTURE,
                        "message " + envelope.messageId() + " is dated " + createdAt + ", after now " + now);
            }
            if (fresh && createdAt.isBefore(now.minus(maxAge))) {
                throw new EnvelopeException(Code.MESSAGE_TOO_OLD,
                        "message " + envelope.messageId() + " is dated " + createdAt + ", older than " + maxAge);
            }
            trust.validate(signer, intermediates, createdAt);
            return signer;
        } catch (CryptoException e) {
            throw new EnvelopeException(e.code(), e.getMessage(), e);
        }
    }

    /**
     * The signer's public key. A certificate that decodes but whose key does not (a damaged or forged
     * encoding) is refused with a code rather than a provider's runtime exception.
     */
    private static PublicKey publicKey(X509Certificate certificate) {
        PublicKey key;
        try {
            key = certificate.getPublicKey();
        } catch (RuntimeException e) {
            throw new EnvelopeException(CryptoException.KEY_UNREADABLE,
                    "the signer certificate's public key cannot be read: " + e.getMessage(), e);
        }
        if (key == null) {
            throw new EnvelopeException(CryptoException.KEY_UNREADABLE, "the signer certificate carries no public key");
        }
        return key;
    }

    /**
     * The whole check of a partner's reply to {@code request}: the signature and the certificate chain to
     * the partner's trust (valid at {@code createdAt}, not revoked, inside the time window), the signer being
     * the partner's own ({@code CN=signerName}), and the reply answering the request (hash, correlation id,
     * type). The first failure throws its coded {@link EnvelopeException}.
     *
     * @return the signer's certificate
     */
    public X509Certificate verifyReply(SignedMessage reply, SignedMessage request, CertificateValidator partnerTrust,
            String signerName, String partnerId) {
        X509Certificate signer = verify(reply, partnerTrust);
        requireSigner(signer, signerName, partnerId, reply);
        requireAnswers(reply, request);
        return signer;
    }

    /** Refuses a message not signed by the named signer ({@code SENDER_NOT_COVERED}). */
    static void requireSigner(X509Certificate cert, String signerName, String partnerId, SignedMessage reply) {
        String expected = "CN=" + signerName;
        String subject = cert.getSubjectX500Principal().getName();
        if (!subject.startsWith(expected + ",") && !subject.equals(expected)) {
            throw new EnvelopeException(Code.SENDER_NOT_COVERED, "message " + reply.messageId() + " is signed by '"
                    + subject + "', not by partner " + partnerId + "'s signer " + expected);
        }
    }

    /**
     * Refuses a reply that does not answer the given request (DESIGN §5 requestHash), or whose header is not
     * bound to the exchange: its {@code sender} must be the request's {@code recipient} (the organisation that
     * was asked), its {@code recipient} the request's {@code sender}, its {@code correlationId} the request's,
     * and its type the reply type of the request's.
     */
    public static void requireAnswers(SignedMessage reply, SignedMessage request) {
        String expected = request.signedDigest();
        if (!expected.equals(reply.header().requestHash())) {
            throw new EnvelopeException(Code.REQUEST_HASH_MISMATCH, "reply " + reply.messageId()
                    + " does not carry the hash of request " + request.messageId());
        }
        if (!request.header().correlationId().equals(reply.header().correlationId())) {
            throw new EnvelopeException(Code.UNEXPECTED_REPLY, "reply " + reply.messageId()
                    + " belongs to another correlation id");
        }
        if (request.type().replyType() != reply.type()) {
            throw new EnvelopeException(Code.UNEXPECTED_REPLY, "reply " + reply.messageId() + " has type "
                    + reply.type() + ", expected " + request.type().replyType());
        }
        if (!request.header().recipient().equals(reply.header().sender())) {
            throw new EnvelopeException(SENDER_MISMATCH, "reply " + reply.messageId() + " names sender '"
                    + reply.header().sender() + "', but request " + request.messageId() + " was sent to '"
                    + request.header().recipient() + "'");
        }
        if (!request.header().sender().equals(reply.header().recipient())) {
            throw new EnvelopeException(RECIPIENT_MISMATCH, "reply " + reply.messageId() + " names recipient '"
                    + reply.header().recipient() + "', but request " + request.messageId() + " was sent by '"
                    + request.header().sender() + "'");
        }
    }
}
