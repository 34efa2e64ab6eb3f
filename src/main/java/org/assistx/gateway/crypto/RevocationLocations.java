package org.assistx.gateway.crypto;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where revocation status is fetched from, beside the CRL files of a trust bundle: CRL locations
 * ({@code http://}, {@code https://} or {@code file:} URLs, or {@value #FROM_CERTIFICATE}: the CRL
 * distribution points each certificate names) and an OCSP responder (a URL, or {@value #FROM_CERTIFICATE}:
 * the OCSP location of the certificate's authority information access). A fetched CRL is kept and fetched
 * again at its {@code nextUpdate} or after {@code refresh}, whichever comes first; when a fetch fails the last
 * good copy is used until its {@code nextUpdate}, then every check fails closed with
 * {@code REVOCATION_UNAVAILABLE}. OCSP is asked for the certificate being validated (not its CAs), on every
 * validation, within {@code timeout}; an unreachable responder, an error answer, a response not signed by
 * the issuer (or a responder it authorised with {@code id-kp-OCSPSigning}) and status {@code unknown} are all
 * {@code REVOCATION_UNAVAILABLE}.
 *
 * @param crl     CRL locations; empty: none
 * @param ocsp    the OCSP responder; {@code null}: none
 * @param refresh the longest a fetched CRL is used before it is fetched again (default one hour)
 * @param timeout connect and answer timeout of one fetch or OCSP request (default ten seconds)
 */
public record RevocationLocations(List<String> crl, String ocsp, Duration refresh, Duration timeout) {

    /** Take the location from the certificate itself (CRL distribution points, authority information access). */
    public static final String FROM_CERTIFICATE = "certificate";
    /** No location: revocation only from CRL files. */
    public static final RevocationLocations NONE = new RevocationLocations(null, null, null, null);

    public RevocationLocations {
        crl = crl == null ? List.of() : crl.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
        ocsp = ocsp == null || ocsp.isBlank() ? null : ocsp.trim();
        refresh = refresh == null ? Duration.ofHours(1) : refresh;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        for (String location : crl) {
            check(location, true);
        }
        if (ocsp != null) {
            check(ocsp, false);
        }
        if (refresh.isNegative() || refresh.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE, "revocation refresh and timeout must be positive");
        }
    }

    /** Whether any location is configured. */
    public boolean configured() {
        return !crl.isEmpty() || ocsp != null;
    }

    /** The sources to give a {@link CertificateValidator}; each CRL location keeps its own cached copy. */
    public List<CertificateValidator.Revocation> sources(Clock clock) {
        List<CertificateValidator.Revocation> sources = new ArrayList<>();
        for (String location : crl) {
            sources.add(location.equals(FROM_CERTIFICATE) ? new CrlLocation.FromCertificate(refresh, timeout, clock)
                    : new CrlLocation(URI.create(location), refresh, timeout, clock));
        }
        if (ocsp != null) {
            sources.add(new OcspResponder(ocsp.equals(FROM_CERTIFICATE) ? null : URI.create(ocsp), timeout, clock));
        }
        return List.copyOf(sources);
    }

    /** In words, for {@code validate-partner} and the logs. */
    public String summary() {
        if (!configured()) {
            return "no CRL or OCSP location";
        }
        List<String> parts = new ArrayList<>();
        crl.forEach(c -> parts.add("CRL " + c));
        if (ocsp != null) {
            parts.add("OCSP " + ocsp);
        }
        return String.join(", ", parts) + " (CRLs refreshed at nextUpdate or every " + refresh + ")";
    }

    private static void check(String location, boolean crl) {
        if (location.equals(FROM_CERTIFICATE)) {
            return;
        }
        String scheme;
        try {
            scheme = URI.create(location).getScheme();
        } catch (IllegalArgumentException e) {
            scheme = null;
        }
        String s = scheme == null ? "" : scheme.toLowerCase(Locale.ROOT);
        if (!(s.equals("http") || s.equals("https") || (crl && s.equals("file")))) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE, "'" + location + "' is not "
                    + (crl ? "an http(s):// or file: URL" : "an http(s):// URL") + " or '" + FROM_CERTIFICATE + "'");
        }
    }
}
