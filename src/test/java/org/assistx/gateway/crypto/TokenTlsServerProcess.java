package org.assistx.gateway.crypto;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import org.springframework.boot.autoconfigure.ssl.JksSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;

/**
 * The gateway's mTLS server set up as {@code application-prod.yml} sets it up ({@code server.ssl.bundle},
 * {@code client-auth: need}), with a JKS-style SSL bundle whose key store is the PKCS#11 token:
 * {@code spring.ssl.bundle.jks.assistx-server.keystore.type: PKCS11}, no location, the PIN as password. The
 * token's SunPKCS11 provider must be installed before Spring looks for a {@code PKCS11} key store, so this JVM
 * is started with {@code -Djava.security.properties=<file with security.provider.N=SunPKCS11 <config>>}
 * (docs/deploy.md, "Keys in a token").
 *
 * <p>Arguments: key alias, truststore (PKCS12 file of the client CA), its password. The PIN is
 * {@code ASSISTX_PKCS11_PIN}. Prints {@code PORT <n>} once the server listens on loopback, and stops when its
 * standard input is closed.
 */
public final class TokenTlsServerProcess {

    private TokenTlsServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        JksSslBundleProperties bundle = new JksSslBundleProperties();
        bundle.getKeystore().setType("PKCS11");
        bundle.getKeystore().setPassword(System.getenv("ASSISTX_PKCS11_PIN"));
        bundle.getKey().setAlias(args[0]);
        bundle.getTruststore().setType("PKCS12");
        bundle.getTruststore().setLocation("file:" + args[1]);
        bundle.getTruststore().setPassword(args[2]);

        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        factory.setAddress(InetAddress.getLoopbackAddress());
        factory.setSslBundles(new DefaultSslBundleRegistry("assistx-server", PropertiesSslBundle.get(bundle)));
        Ssl ssl = new Ssl();
        ssl.setBundle("assistx-server");
        ssl.setClientAuth(Ssl.ClientAuth.NEED);
        factory.setSsl(ssl);
        WebServer server = factory.getWebServer(context -> context.addServlet("hello", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setContentType("text/plain");
                response.getWriter().write("served with the key in the token");
            }
        }).addMapping("/"));
        server.start();
        System.out.println("PORT " + server.getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // until the test closes standard input
        }
        server.stop();
    }
}
