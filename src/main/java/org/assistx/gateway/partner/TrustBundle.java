package org.assistx.gateway.partner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.Pem;

/**
 * A partner's whole PKI, from its folder ({@code crypto.trust}: PEM files, or folders whose every
 * {@code .pem}, {@code .crt}, {@code .cer} and {@code .crl} file is read). Each file may hold any number of
 * certificates and CRLs. A self-signed CA certificate is a trust anchor, any other CA certificate an
 * intermediate; CRLs are checked for the CAs that signed them. A file that cannot be read, holds something
 * else (a private key, an end-entity certificate) or nothing, or a bundle without an anchor, is an error
 * naming the file — never skipped.
 */
public record TrustBundle(List<Path> files, List<X509Certificate> anchors, List<X509Certificate> intermediates,
        List<X509CRL> crls) {

    private static final List<String> EXTENSIONS = List.of(".pem", ".crt", ".cer", ".crl");

    /** Reads the bundle; {@code where} names the descriptor field for errors. */
    public static TrustBundle read(List<Path> locations, String where) {
        List<Path> files = new ArrayList<>();
        for (Path location : locations) {
            if (Files.isDirectory(location)) {
                try (Stream<Path> s = Files.list(location)) {
                    List<Path> found = s.filter(Files::isRegularFile)
                            .filter(p -> EXTENSIONS.stream().anyMatch(e -> p.getFileName().toString().endsWith(e)))
                            .sorted().toList();
                    if (found.isEmpty()) {
                        throw problem(where, location + " holds no .pem, .crt, .cer or .crl file");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw problem(where, location + " cannot be listed: " + e.getMessage());
                }
            } else if (Files.isRegularFile(location)) {
                files.add(location);
            } else {
                throw problem(where, location + " does not exist");
            }
        }
        List<X509Certificate> anchors = new ArrayList<>();
        List<X509Certificate> intermediates = new ArrayList<>();
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : files) {
            Pem.Bundle b;
            try {
                b = Pem.readBundle(file);
            } catch (GatewayException e) {
                throw problem(where, e.getMessage());
            }
            for (X509Certificate c : b.certificates()) {
                if (c.getBasicConstraints() < 0) {
                    throw problem(where, file + " holds '" + c.getSubjectX500Principal().getName()
                            + "', which is not a CA certificate (a trust bundle holds CA certificates and CRLs)");
                }
                List<X509Certificate> into = selfSigned(c) ? anchors : intermediates;
                if (!into.contains(c)) {
                    into.add(c);
                }
            }
            crls.addAll(b.crls());
        }
        if (anchors.isEmpty()) {
            throw problem(where, "no self-signed CA certificate (trust anchor) in " + files);
        }
        return new TrustBundle(List.copyOf(files), List.copyOf(anchors), List.copyOf(intermediates), List.copyOf(crls));
    }

    /** The validator for this bundle, with further CRLs (e.g. the deployment's own). */
    public CertificateValidator validator(List<X509CRL> moreCrls) {
        return validator(moreCrls, List.of());
    }

    /** The validator for this bundle, with further CRLs and revocation sources (CRL locations, OCSP). */
    public CertificateValidator validator(List<X509CRL> moreCrls, List<CertificateValidator.Revocation> online) {
        List<X509CRL> all = new ArrayList<>(crls);
        all.addAll(moreCrls);
        return new CertificateValidator(anchors, intermediates, all, online);
    }

    /** In words, for {@code validate-partner}. */
    public String summary() {
        return anchors.size() + " trust anchor(s), " + intermediates.size() + " intermediate CA(s), " + crls.size()
                + " CRL(s) from " + files.size() + " file(s)";
    }

    private static boolean selfSigned(X509Certificate c) {
        if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey(), org.assistx.gateway.crypto.BouncyCastle.provider());
            return true;
        } catch (java.security.GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static PartnerConfigException problem(String where, String what) {
        return new PartnerConfigException(where + ": " + what);
    }
}
