package org.assistx.gateway.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Asks an OCSP responder (RFC 6960, over HTTP POST) about the certificate being validated, with Bouncy
 * Castle's OCSP classes: a request with a nonce; the answer must be successful, signed by the certificate's
 * issuer or by a responder certificate the issuer issued with extended key usage {@code id-kp-OCSPSigning},
 * carry the same nonce if it carries one, and be current ({@code thisUpdate} not ahead of the clock by more
 * than five minutes, {@code nextUpdate} not past). {@code good} passes; {@code revoked} is
 * {@code CERTIFICATE_REVOKED}; anything else, and no answer, is {@code REVOCATION_UNAVAILABLE}.
 */
final class OcspResponder implements CertificateValidator.Revocation {

    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final URI responder;
    private final Duration timeout;
    private final Clock clock;

    /** @param responder the responder's URL; {@code null}: the one the certificate names (AIA) */
    OcspResponder(URI responder, Duration timeout, Clock clock) {
        this.responder = responder;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public void check(X509Certificate cert, X509Certificate issuer, boolean leaf) {
        if (!leaf) {
            return;
        }
        URI uri = responder != null ? responder : authorityLocation(cert);
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
            byte[] nonce = new BigInteger(128, RANDOM).toByteArray();
            OCSPReq request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false,
                            new DEROctetString(nonce)))).build();
            OCSPResp response = new OCSPResp(CrlLocation.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/ocsp-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())), timeout));
            if (response.getStatus() != OCSPResp.SUCCESSFUL) {
                throw unavailable(uri, "it answered status " + response.getStatus());
            }
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            if (basic == null || !signedByIssuerOrDelegate(basic, issuer)) {
                throw unavailable(uri, "its answer is not signed by the issuer or a responder the issuer authorised");
            }
            Extension echoed = basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (echoed != null && !java.util.Arrays.equals(echoed.getExtnValue().getOctets(), nonce)) {
                throw unavailable(uri, "its answer carries another request's nonce");
            }
            Instant now = clock.instant();
            for (SingleResp single : basic.getResponses()) {
                if (!single.getCertID().equals(id)) {
                    continue;
                }
                if (single.getThisUpdate().toInstant().isAfter(now.plus(SKEW))
                        || (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now))) {
                    throw unavailable(uri, "its answer is not current (this update " + single.getThisUpdate().toInstant()
                            + ", next update " + (single.getNextUpdate() == null ? "-" : single.getNextUpdate().toInstant())
                            + ")");
                }
                CertificateStatus status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    return;
                }
                if (status instanceof RevokedStatus revoked) {
                    throw new CryptoException(CryptoException.CERTIFICATE_REVOKED, CertificateValidator.describe(cert)
                            + " was revoked on " + revoked.getRevocationTime().toInstant() + " (OCSP " + uri + ")");
                }
                throw unavailable(uri, "it does not know " + CertificateValidator.describe(cert));
            }
            throw unavailable(uri, "its answer does not name " + CertificateValidator.describe(cert));
        } catch (IOException | OCSPException | OperatorCreationException | java.security.cert.CertificateException
                | IllegalArgumentException | ClassCastException e) {
            throw new CryptoException(CryptoException.REVOCATION_UNAVAILABLE, "OCSP responder " + uri
                    + " cannot be asked about " + CertificateValidator.describe(cert) + ": " + e.getMessage(), e);
        }
    }

    private static boolean signedByIssuerOrDelegate(BasicOCSPResp basic, X509Certificate issuer)
            throws OperatorCreationException, OCSPException, java.security.cert.CertificateException {
        JcaContentVerifierProviderBuilder verifiers = new JcaContentVerifierProviderBuilder()
                .setProvider(BouncyCastle.provider());
        if (basic.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
            return true;
        }
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate delegate = new JcaX509CertificateConverter().setProvider(BouncyCastle.provider())
                    .getCertificate(holder);
            try {
                delegate.verify(issuer.getPublicKey(), BouncyCastle.provider());
                List<String> usages = delegate.getExtendedKeyUsage();
                if (usages != null && usages.contains(OCSP_SIGNING)
                        && basic.isSignatureValid(verifiers.build(delegate.getPublicKey()))) {
                    delegate.checkValidity();
                    return true;
                }
            } catch (java.security.GeneralSecurityException | RuntimeException e) {
                // not a responder certificate of this issuer
            }
        }
        return false;
    }

    private static URI authorityLocation(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext != null) {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(ext).getOctets());
            for (AccessDescription d : aia.getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                        && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return URI.create(d.getAccessLocation().getName().toString());
                }
            }
        }
        throw new CryptoException(CryptoException.REVOCATION_UNAVAILABLE, CertificateValidator.describe(cert)
                + " names no OCSP responder (authority information access)");
    }

    private static CryptoException unavailable(URI uri, String why) {
        return new CryptoException(CryptoException.REVOCATION_UNAVAILABLE, "OCSP responder " + uri + ": " + why);
    }
}
