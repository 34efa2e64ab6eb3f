package org.assistx.gateway.crypto;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.assistx.gateway.Processes;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A real ECDSA P-256 PKI made with the {@code openssl} binary ({@code openssl ca}: index, serials,
 * revocation, CRL), with its CRL served over loopback HTTP and an OCSP responder on loopback that answers
 * from the CA's own index ({@code R} lines are revoked) and signs with the CA key through Bouncy Castle.
 * ({@code openssl ocsp -port} listens on every interface, so it is not used.) Each leaf names the CRL and
 * the responder in its CRL distribution points and authority information access.
 */
public final class RevocationPki implements AutoCloseable {

    public final Path dir;
    private final HttpServer crlServer;
    private final HttpServer ocspServer;
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private volatile boolean ocspUp = true;
    private volatile boolean crlUp = true;

    public RevocationPki(Path dir, String caName) throws IOException {
        this.dir = dir;
        crlServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        crlServer.createContext("/ca.crl", ex -> {
            byte[] body = crlUp ? Files.readAllBytes(dir.resolve("ca.crl")) : new byte[0];
            ex.sendResponseHeaders(crlUp ? 200 : 503, crlUp ? body.length : -1);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        ocspServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ocspServer.createContext("/", ex -> {
            ocspRequests.incrementAndGet();
            byte[] body;
            try {
                body = ocspUp ? answer(new OCSPReq(ex.getRequestBody().readAllBytes())) : new byte[0];
            } catch (Exception e) {
                body = new byte[0];
            }
            ex.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            ex.sendResponseHeaders(body.length > 0 ? 200 : 503, body.length > 0 ? body.length : -1);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        crlServer.start();
        ocspServer.start();
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.sec1.key");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "ca.sec1.key", "-out", "ca.key");
        openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/O=AssistX test/CN=" + caName, "-days", "3650",
                "-sha256", "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.crt");
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        Files.writeString(dir.resolve("crlnumber"), "01\n");
        Files.writeString(dir.resolve("ca.cnf"), """
                [ca]
                default_ca = test
                [test]
                dir = .
                database = index.txt
                serial = serial
                crlnumber = crlnumber
                new_certs_dir = .
                certificate = ca.crt
                private_key = ca.key
                default_md = sha256
                default_days = 365
                default_crl_hours = 24
                policy = any
                unique_subject = no
                [any]
                organizationName = optional
                commonName = supplied
                [leaf]
                basicConstraints = critical,CA:FALSE
                keyUsage = critical,digitalSignature
                extendedKeyUsage = clientAuth
                crlDistributionPoints = URI:%s
                authorityInfoAccess = OCSP;URI:%s
                """.formatted(crlUrl(), ocspUrl()), StandardCharsets.UTF_8);
        crl();
    }

    public String crlUrl() {
        return "http://127.0.0.1:" + crlServer.getAddress().getPort() + "/ca.crl";
    }

    public String ocspUrl() {
        return "http://127.0.0.1:" + ocspServer.getAddress().getPort() + "/";
    }

    public int ocspRequests() {
        return ocspRequests.get();
    }

    public void ocspUp(boolean up) {
        ocspUp = up;
    }

    public void crlUp(boolean up) {
        crlUp = up;
    }

    /** Issues a leaf (clientAuth, CDP and AIA naming this PKI's locations); returns its PEM file. */
    public Path issue(String name, String organisation) throws IOException {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", name + ".sec1.key");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", name + ".sec1.key", "-out", name + ".key");
        openssl("req", "-new", "-key", name + ".key", "-subj", "/O=" + organisation + "/CN=" + name, "-out", name + ".csr");
        openssl("ca", "-batch", "-config", "ca.cnf", "-extensions", "leaf", "-notext", "-in", name + ".csr",
                "-out", name + ".crt", "-startdate", "20240101000000Z");
        return dir.resolve(name + ".crt");
    }

    /** Revokes a leaf in the CA's index and writes a new CRL. */
    public void revoke(String name) throws IOException {
        openssl("ca", "-config", "ca.cnf", "-revoke", name + ".crt", "-crl_reason", "keyCompromise");
        crl();
    }

    /** Writes the CRL (valid 24 hours) from the CA's index. */
    public void crl() throws IOException {
        openssl("ca", "-config", "ca.cnf", "-gencrl", "-out", "ca.crl");
    }

    public X509Certificate ca() {
        return Pem.readCertificate(dir.resolve("ca.crt"));
    }

    public X509Certificate cert(String name) {
        return Pem.readCertificate(dir.resolve(name + ".crt"));
    }

    private byte[] answer(OCSPReq request) throws Exception {
        Set<BigInteger> revoked = new HashSet<>();
        for (String line : Files.readAllLines(dir.resolve("index.txt"))) {
            String[] f = line.split("\t");
            if (f[0].equals("R")) {
                revoked.add(new BigInteger(f[3], 16));
            }
        }
        X509Certificate ca = ca();
        PrivateKey key = Pem.readPrivateKey(dir.resolve("ca.key"));
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(new JcaX509CertificateHolder(ca).getSubject()));
        Date now = new Date();
        for (Req r : request.getRequestList()) {
            CertificateStatus status = revoked.contains(r.getCertID().getSerialNumber())
                    ? new RevokedStatus(Date.from(Instant.now().minus(Duration.ofHours(1))), CRLReason.keyCompromise)
                    : CertificateStatus.GOOD;
            builder.addResponse(r.getCertID(), status, now, Date.from(Instant.now().plus(Duration.ofHours(1))));
        }
        Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withECDSA")
                .setProvider(BouncyCastle.provider()).build(key), null, now);
        OCSPResp response = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
        return response.getEncoded();
    }

    private void openssl(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Processes.Result r = Processes.run(dir, command.toArray(String[]::new));
        if (r.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + r.output());
        }
    }

    @Override
    public void close() {
        crlServer.stop(0);
        ocspServer.stop(0);
    }
}
