package org.assistx.gateway.ops;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * A certificate the gateway depends on, and how soon it expires.
 *
 * @param role  {@code GATEWAY_SIGNER}, {@code PARTNER_TRUST_ANCHOR} or {@code PARTNER_SIGNER} (as last seen on a
 *              partner's message)
 * @param state {@code OK}, {@code EXPIRING} (within the warning period) or {@code EXPIRED}
 */
public record CertificateStatus(String role, String owner, String subject, String issuer, Instant notAfter,
        long daysLeft, String state) {

    public static CertificateStatus of(String role, String owner, X509Certificate cert, Instant now, Duration warning) {
        Instant notAfter = cert.getNotAfter().toInstant();
        long days = Duration.between(now, notAfter).toDays();
        String state = notAfter.isBefore(now) ? "EXPIRED" : notAfter.isBefore(now.plus(warning)) ? "EXPIRING" : "OK";
        return new CertificateStatus(role, owner, cert.getSubjectX500Principal().getName(),
                cert.getIssuerX500Principal().getName(), notAfter, days, state);
    }

    public boolean expired() {
        return "EXPIRED".equals(state);
    }

    public boolean expiring() {
        return "EXPIRING".equals(state);
    }
}
