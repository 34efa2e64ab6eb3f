package org.assistx.gateway.federation;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.Pem;

/**
 * What the directory says about a member's signatures: its signing certificates are pinned (the directory
 * authority vouched for exactly these), so a message from a member verifies against them alone, with no CA of
 * the member's in between.
 */
public final class MemberTrust {

    private MemberTrust() {
    }

    /** The member's signing certificates, decoded. */
    public static List<X509Certificate> signingCertificates(DirectoryMember member) {
        return decode(member.signingCertificates());
    }

    /** The member's TLS server certificates, decoded (pinned for its exchange endpoint). */
    public static List<X509Certificate> tlsCertificates(DirectoryMember member) {
        return decode(member.tlsCertificates());
    }

    private static List<X509Certificate> decode(List<String> base64Der) {
        return base64Der.stream().map(b64 -> Pem.certificateFromDer(Base64.getDecoder().decode(b64))).toList();
    }

    /** A validator whose only anchors are the member's own signing certificates (no CRL: the directory revokes). */
    public static CertificateValidator validator(DirectoryMember member) {
        return new CertificateValidator(signingCertificates(member), List.of());
    }

    /** The member that lists exactly this signing certificate (DER), if any. */
    public static Optional<DirectoryMember> signer(Directory directory, byte[] certificateDer) {
        for (DirectoryMember m : directory.members()) {
            for (String b64 : m.signingCertificates()) {
                if (Arrays.equals(Base64.getDecoder().decode(b64), certificateDer)) {
                    return Optional.of(m);
                }
            }
        }
        return Optional.empty();
    }
}
