package org.assistx.gateway.crypto;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Checks that a signer's certificate chains to one of a fixed set of trust anchors and is usable at a
 * given instant. Works the same for SM2 (SM3withSM2-signed) and ECDSA chains: every certificate and CRL
 * signature is verified with the Bouncy Castle provider.
 *
 * <p>A path is built from the leaf through the given intermediates to an anchor, matching issuer and
 * subject names and verifying each signature. Along a path:
 * <ul>
 *   <li>intermediates must be CAs ({@code basicConstraints cA}, path length respected, {@code keyCertSign}
 *       if a key usage is present); the leaf's key usage, if present, must allow {@code digitalSignature}
 *       or {@code nonRepudiation}; a critical extension not understood here fails the path. Any of
 *       these, or no path at all, is {@code CERTIFICATE_UNTRUSTED};</li>
 *   <li>then each {@link Revocation} source (a CRL location, an OCSP responder: {@link RevocationLocations})
 *       is asked about each certificate below the anchor: {@code CERTIFICATE_REVOKED}, or
 *       {@code REVOCATION_UNAVAILABLE} when it cannot answer (fail closed);</li>
 *   <li>a certificate (other than the anchor) listed in a CRL of its issuer is
 *       {@code CERTIFICATE_REVOKED}. Only CRLs whose signature verifies with the issuer's key count. The
 *       revocation date is not compared with {@code at}: {@code at} usually comes from the signer (the
 *       message's {@code createdAt}), and a stolen key could backdate. A certificate whose issuer has no
 *       CRL here is not checked for revocation, and an outdated CRL is still used;</li>
 *   <li>a certificate (the anchor included) outside its validity period at {@code at} is
 *       {@code CERTIFICATE_EXPIRED}, whether it has expired or is not yet valid.</li>
 * </ul>
 * If several paths exist the certificate is accepted when one of them passes; otherwise the problem of
 * the first path is reported. The leaf itself may be a trust anchor (a pinned certificate).
 *
 * <p>Bouncy Castle's PKIX {@code CertPathValidator} handles these SM2 chains too (a test checks that it
 * agrees), but it is not used here: only revocation comes back with a reason ({@code REVOKED}); expiry and
 * a foreign issuer are both {@code UNSPECIFIED} with the detail in the cause; with revocation checking on it
 * fails a good chain with "No CRLs found" unless every CA of the path, the root included, has a CRL; and
 * it accepts a certificate at an instant before its revocation date.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class CertificateValidator {

    private static final int MAX_PATH_LENGTH = 10;
    private static final int MAX_PATHS = 16;

    private static final int KU_DIGITAL_SIGNATURE = 0;
    private static final int KU_NON_REPUDIATION = 1;
    private static final int KU_KEY_CERT_SIGN = 5;
    private static final int KU_CRL_SIGN = 6;

    /** Extensions whose meaning is either checked here or harmless to ignore when critical. */
    private static final Set<String> KNOWN_CRITICAL_EXTENSIONS = Set.of(
            "2.5.29.15", // keyUsage
            "2.5.29.19", // basicConstraints
            "2.5.29.37", // extendedKeyUsage
            "2.5.29.17", // subjectAltName
            "2.5.29.18", // issuerAltName
            "2.5.29.14", // subjectKeyIdentifier
            "2.5.29.35", // authorityKeyIdentifier
            "2.5.29.32"  // certificatePolicies (no policy is required)
    );

    private final List<X509Certificate> trustAnchors;
    private final List<X509Certificate> intermediates;
    private final List<X509CRL> crls;
    private final List<Revocation> online;

    /**
     * A source of revocation status asked during validation (beside the CRLs given): it returns normally for
     * a certificate it knows to be good or does not cover, and throws {@code CERTIFICATE_REVOKED} or
     * {@code REVOCATION_UNAVAILABLE}.
     */
    @FunctionalInterface
    public interface Revocation {
        /**
         * @param cert   a certificate of the path other than the anchor
         * @param issuer its issuer on the path (signature verified)
         * @param leaf   whether {@code cert} is the certificate being validated
         */
        void check(X509Certificate cert, X509Certificate issuer, boolean leaf);
    }

    /**
     * @param trustAnchors certificates trusted without further checks of their issuer (usually root CAs)
     * @param crls         CRLs of any CAs of the paths; may be empty
     */
    public CertificateValidator(Collection<X509Certificate> trustAnchors, Collection<X509CRL> crls) {
        this(trustAnchors, List.of(), crls);
    }

    /**
     * @param trustAnchors  certificates trusted without further checks of their issuer (usually root CAs)
     * @param intermediates CA certificates of this trust that paths may pass through (e.g. a partner's
     *                      issuing CAs); used with those given to {@link #validate}
     * @param crls          CRLs of any CAs of the paths; may be empty
     */
    public CertificateValidator(Collection<X509Certificate> trustAnchors, Collection<X509Certificate> intermediates,
            Collection<X509CRL> crls) {
        this(trustAnchors, intermediates, crls, List.of());
    }

    /**
     * @param online revocation sources asked after the CRLs (CRL locations, OCSP responders); may be empty
     */
    public CertificateValidator(Collection<X509Certificate> trustAnchors, Collection<X509Certificate> intermediates,
            Collection<X509CRL> crls, List<Revocation> online) {
        this.trustAnchors = List.copyOf(Objects.requireNonNull(trustAnchors, "trustAnchors"));
        this.intermediates = intermediates == null ? List.of() : List.copyOf(intermediates);
        this.crls = crls == null ? List.of() : List.copyOf(crls);
        this.online = online == null ? List.of() : List.copyOf(online);
    }

    /** The trust anchors. */
    public List<X509Certificate> trustAnchors() {
        return trustAnchors;
    }

    /** The intermediate CA certificates of this trust. */
    public List<X509Certificate> intermediates() {
        return intermediates;
    }

    /**
     * Validates {@code leaf} at instant {@code at}.
     *
     * @param intermediates CA certificates that may be needed to reach an anchor, besides this trust's own;
     *                      may be empty or {@code null}, order does not matter
     * @throws CryptoException {@code CERTIFICATE_UNTRUSTED}, {@code CERTIFICATE_REVOKED} or
     *                         {@code CERTIFICATE_EXPIRED}
     */
    public void validate(X509Certificate leaf, List<X509Certificate> intermediates, Instant at) {
        Objects.requireNonNull(leaf, "leaf");
        Objects.requireNonNull(at, "at");
        List<X509Certificate> candidates = new ArrayList<>(this.intermediates);
        if (intermediates != null) {
            intermediates.stream().filter(c -> !candidates.contains(c)).forEach(candidates::add);
        }

        List<List<X509Certificate>> paths = new ArrayList<>();
        Deque<X509Certificate> path = new ArrayDeque<>();
        path.addLast(leaf);
        buildPaths(path, candidates, paths);
        if (paths.isEmpty()) {
            throw new CryptoException(CryptoException.CERTIFICATE_UNTRUSTED,
                    "No chain from " + describe(leaf) + " to a trust anchor");
        }
        CryptoException firstProblem = null;
        for (List<X509Certificate> candidate : paths) {
            CryptoException problem = check(candidate, Date.from(at));
            if (problem == null) {
                return;
            }
            if (firstProblem == null) {
                firstProblem = problem;
            }
        }
        throw firstProblem;
    }

    private void buildPaths(Deque<X509Certificate> path, List<X509Certificate> intermediates,
                            List<List<X509Certificate>> found) {
        X509Certificate current = path.peekLast();
        if (path.size() == 1 && trustAnchors.contains(current)) {
            found.add(List.copyOf(path));
        }
        for (X509Certificate anchor : trustAnchors) {
            if (found.size() < MAX_PATHS && !anchor.equals(current) && issuedBy(current, anchor)) {
                path.addLast(anchor);
                found.add(List.copyOf(path));
                path.removeLast();
            }
        }
        if (path.size() >= MAX_PATH_LENGTH) {
            return;
        }
        for (X509Certificate ca : intermediates) {
            if (found.size() < MAX_PATHS && !path.contains(ca) && !trustAnchors.contains(ca)
                    && issuedBy(current, ca)) {
                path.addLast(ca);
                buildPaths(path, intermediates, found);
                path.removeLast();
            }
        }
    }

    /** The problem with a path [leaf, intermediates..., anchor], or {@code null} if it is valid at {@code at}. */
    private CryptoException check(List<X509Certificate> path, Date at) {
        int anchorIndex = path.size() - 1;
        X509Certificate leaf = path.get(0);

        boolean[] leafUsage = leaf.getKeyUsage();
        if (leafUsage != null && !bit(leafUsage, KU_DIGITAL_SIGNATURE) && !bit(leafUsage, KU_NON_REPUDIATION)) {
            return untrusted(leaf, "its key usage does not allow signatures");
        }
        for (int i = 0; i < anchorIndex; i++) {
            X509Certificate cert = path.get(i);
            Set<String> critical = cert.getCriticalExtensionOIDs();
            if (critical != null) {
                for (String oid : critical) {
                    if (!KNOWN_CRITICAL_EXTENSIONS.contains(oid)) {
                        return untrusted(cert, "it has an unsupported critical extension " + oid);
                    }
                }
            }
            if (i > 0) {
                int pathLength = cert.getBasicConstraints();
                if (pathLength < 0) {
                    return untrusted(cert, "it is used as a CA but is not one");
                }
                if (i - 1 > pathLength) {
                    return untrusted(cert, "its path length constraint is exceeded");
                }
                boolean[] usage = cert.getKeyUsage();
                if (usage != null && !bit(usage, KU_KEY_CERT_SIGN)) {
                    return untrusted(cert, "its key usage does not allow signing certificates");
                }
            }
        }

        for (int i = 0; i < anchorIndex; i++) {
            X509Certificate cert = path.get(i);
            X509CRLEntry entry = revocation(cert, path.get(i + 1));
            if (entry != null) {
                return new CryptoException(CryptoException.CERTIFICATE_REVOKED,
                        describe(cert) + " was revoked on " + entry.getRevocationDate().toInstant()
                                + (entry.getRevocationReason() == null ? "" : " (" + entry.getRevocationReason() + ")"));
            }
        }

        for (int i = 0; i < anchorIndex; i++) {
            for (Revocation source : online) {
                try {
                    source.check(path.get(i), path.get(i + 1), i == 0);
                } catch (CryptoException e) {
                    return e;
                }
            }
        }

        for (X509Certificate cert : path) {
            try {
                cert.checkValidity(at);
            } catch (CertificateExpiredException e) {
                return new CryptoException(CryptoException.CERTIFICATE_EXPIRED, describe(cert) + " expired on "
                        + cert.getNotAfter().toInstant() + ", before " + at.toInstant(), e);
            } catch (CertificateNotYetValidException e) {
                return new CryptoException(CryptoException.CERTIFICATE_EXPIRED, describe(cert)
                        + " is not valid before " + cert.getNotBefore().toInstant() + ", checked at " + at.toInstant(), e);
            }
        }
        return null;
    }

    /** The CRL entry of {@code cert} in a CRL signed by {@code issuer}, or {@code null}. */
    private X509CRLEntry revocation(X509Certificate cert, X509Certificate issuer) {
        boolean[] issuerUsage = issuer.getKeyUsage();
        if (issuerUsage != null && !bit(issuerUsage, KU_CRL_SIGN)) {
            return null;
        }
        for (X509CRL crl : crls) {
            if (!crl.getIssuerX500Principal().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert.getSerialNumber());
            if (entry == null) {
                continue;
            }
            if (entry.getCertificateIssuer() != null
                    && !entry.getCertificateIssuer().equals(cert.getIssuerX500Principal())) {
                continue;
            }
            if (signedBy(crl, issuer)) {
                return entry;
            }
        }
        return null;
    }

    private static boolean issuedBy(X509Certificate cert, X509Certificate issuer) {
        if (!cert.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(issuer.getPublicKey(), BouncyCastle.provider());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A signature that does not verify (or cannot be checked with this key) means "not the issuer".
            return false;
        }
    }

    static boolean signedBy(X509CRL crl, X509Certificate issuer) {
        try {
            crl.verify(issuer.getPublicKey(), BouncyCastle.provider());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            // A CRL that does not verify with the issuer's key is not the issuer's and is ignored.
            return false;
        }
    }

    private static boolean bit(boolean[] bits, int index) {
        return bits.length > index && bits[index];
    }

    private static CryptoException untrusted(X509Certificate cert, String reason) {
        return new CryptoException(CryptoException.CERTIFICATE_UNTRUSTED, describe(cert) + " is not trusted: " + reason);
    }

    static String describe(X509Certificate cert) {
        return "certificate '" + cert.getSubjectX500Principal().getName() + "' (serial "
                + cert.getSerialNumber().toString(16) + ")";
    }
}
