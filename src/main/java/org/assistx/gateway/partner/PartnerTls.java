package org.assistx.gateway.partner;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.Pem;

/**
 * The TLS context for a partner's {@code https://} endpoint ({@code tls} of its descriptor): only the CAs in
 * {@code serverCa} are trusted for its server certificate (host name checked by the HTTP client), and the
 * gateway presents {@code clientCertificate} when given. Read at load, so a reload takes a new CA in.
 */
public final class PartnerTls {

    private PartnerTls() {
    }

    static SSLContext context(PartnerDescriptor.Tls tls, String where) {
        List<X509Certificate> cas = Pem.readCertificates(tls.serverCa());
        if (cas.isEmpty()) {
            throw new PartnerConfigException(where + ": field 'tls.serverCa' " + tls.serverCa()
                    + " holds no certificate");
        }
        return context(cas, tls.clientCertificate(), tls.clientKey(), where);
    }

    /**
     * A TLS context that trusts exactly {@code serverTrust} (CA or pinned server certificates) and, if
     * {@code clientCertificate} is given, presents it (with {@code clientKey}) for mutual TLS.
     */
    public static SSLContext context(List<X509Certificate> serverTrust, java.nio.file.Path clientCertificate,
            java.nio.file.Path clientKey, String where) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < serverTrust.size(); i++) {
                trust.setCertificateEntry("server-ca-" + i, serverTrust.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManager[] keyManagers = null;
            if (clientCertificate != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                List<X509Certificate> chain = Pem.readCertificates(clientCertificate);
                if (chain.isEmpty()) {
                    throw new PartnerConfigException(where + ": field 'tls.clientCertificate' "
                            + clientCertificate + " holds no certificate");
                }
                keys.setKeyEntry("client", Pem.readPrivateKey(clientKey), new char[0],
                        chain.toArray(Certificate[]::new));
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(keys, new char[0]);
                keyManagers = kmf.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, tmf.getTrustManagers(), null);
            return context;
        } catch (GatewayException e) {
            throw e instanceof PartnerConfigException p ? p
                    : new PartnerConfigException(where + ": field 'tls': " + e.getMessage(), e);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new PartnerConfigException(where + ": field 'tls' cannot be used: " + e.getMessage(), e);
        }
    }
}
