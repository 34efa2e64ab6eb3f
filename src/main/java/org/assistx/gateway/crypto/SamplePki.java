package org.assistx.gateway.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes the throwaway sample PKI of the demo: for each crypto profile a root CA, an issuing CA with its
 * CRL, and leaf certificates with unencrypted PKCS#8 keys for the gateway, partners and townships, plus
 * an expired, a revoked and an untrusted leaf for negative tests. {@code certs-sample/make-certs.sh}
 * runs it; {@code certs-sample/README.md} lists the files. These keys are public and must never be used
 * in production.
 *
 * <p>Usage: {@code SamplePki <output directory>} (normally {@code certs-sample}); it writes
 * {@code sm2/} and {@code ecdsa/} below that directory, replacing files of the same names.
 */
public final class SamplePki {

    /** Validity of the good leaf certificates, so that committed samples do not expire. */
    static final int LEAF_YEARS = 20;

    private static final String OU = "AssistX sample";

    /** Whether a certificate belongs to the sample PKI (its subject carries the sample's organisational unit). */
    public static boolean isSample(java.security.cert.X509Certificate certificate) {
        return java.util.Arrays.stream(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.OU)).anyMatch(r -> OU.equals(r.getFirst().getValue().toString()));
    }

    private final Path directory;
    private final CryptoProfile profile;
    private final Instant today;
    private final SecureRandom random = new SecureRandom();

    private SamplePki(Path directory, CryptoProfile profile, Instant today) {
        this.directory = directory;
        this.profile = profile;
        this.today = today;
    }

    public static void main(String[] args) throws IOException, GeneralSecurityException, OperatorCreationException {
        if (args.length != 1) {
            System.err.println("usage: SamplePki <output directory, e.g. certs-sample>");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);

        SamplePki sm2 = new SamplePki(root.resolve("sm2"), CryptoProfile.SM2, today);
        sm2.write(PARTIES, "610113001");

        SamplePki ecdsa = new SamplePki(root.resolve("ecdsa"), CryptoProfile.ECDSA_P256, today);
        ecdsa.write(PARTIES, "44");
    }

    /**
     * Every party of the demo, in both profiles: the gateway, the county bureaus, each partner and three
     * townships (two in different districts, and a neighbour of the first for "another township" cases).
     */
    static final List<Leaf> PARTIES = List.of(
            new Leaf("gateway", "6101"),
            new Leaf("county-bureau-6101", "6101"),
            new Leaf("zhejiang-33", "33"),
            new Leaf("guangdong-44", "44"),
            new Leaf("610113001", "610113001"),
            new Leaf("610113002", "610113002"),
            new Leaf("610104003", "610104003"));

    private record Leaf(String name, String organisation) {
    }

    private record Issued(X509Certificate certificate, KeyPair keys) {
    }

    /**
     * Writes the CAs, the good leaves, and the {@code expired}, {@code revoked} and {@code untrusted}
     * leaves for organisation {@code testOrganisation}.
     */
    private void write(List<Leaf> leaves, String testOrganisation)
            throws IOException, GeneralSecurityException, OperatorCreationException {
        Files.createDirectories(directory);
        String label = profile == CryptoProfile.SM2 ? "SM2" : "ECDSA P-256";

        Issued rootCa = selfSignedCa(caName("AssistX Sample " + label + " Root CA"), years(25));
        Issued issuingCa = ca(caName("AssistX Sample " + label + " Issuing CA"), rootCa, years(22));
        save("root-ca.pem", "root-ca.key.pem", rootCa);
        save("issuing-ca.pem", "issuing-ca.key.pem", issuingCa);

        for (Leaf leaf : leaves) {
            Issued issued = leaf(leaf, issuingCa, today.minus(days(1)), years(LEAF_YEARS));
            save(leaf.name() + ".crt.pem", leaf.name() + ".key.pem", issued);
        }

        Issued expired = leaf(new Leaf("expired", testOrganisation), issuingCa,
                today.minus(days(400)), today.minus(days(35)));
        save("expired.crt.pem", "expired.key.pem", expired);

        Issued revoked = leaf(new Leaf("revoked", testOrganisation), issuingCa, today.minus(days(1)), years(LEAF_YEARS));
        save("revoked.crt.pem", "revoked.key.pem", revoked);

        // An impostor CA with exactly the issuing CA's name but its own key, not issued by the root.
        Issued rogueCa = selfSignedCa(
                X500Name.getInstance(issuingCa.certificate().getSubjectX500Principal().getEncoded()), years(22));
        save("rogue-ca.pem", "rogue-ca.key.pem", rogueCa);
        Issued untrusted = leaf(new Leaf("untrusted", testOrganisation), rogueCa, today.minus(days(1)), years(LEAF_YEARS));
        save("untrusted.crt.pem", "untrusted.key.pem", untrusted);

        writeFile("issuing-ca.crl.pem", Pem.toPem(crl(issuingCa, revoked.certificate())));
        writeFile("root-ca.crl.pem", Pem.toPem(crl(rootCa, null)));
    }

    private Issued selfSignedCa(X500Name name, Instant notAfter) throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(today.minus(days(730))), Date.from(notAfter), name, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        return new Issued(certificate(builder.build(signer(keys))), keys);
    }

    private Issued ca(X500Name name, Issued issuer, Instant notAfter) throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(),
                Date.from(today.minus(days(730))), Date.from(notAfter), name, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.certificate()));
        return new Issued(certificate(builder.build(signer(issuer.keys()))), keys);
    }

    private Issued leaf(Leaf leaf, Issued issuer, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.OU, OU)
                .addRDN(BCStyle.O, leaf.organisation())
                .addRDN(BCStyle.CN, leaf.name())
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.certificate(), serial(),
                Date.from(notBefore), Date.from(notAfter), name, keys.getPublic());
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.certificate()));
        return new Issued(certificate(builder.build(signer(issuer.keys()))), keys);
    }

    /** A CRL of {@code issuer} valid for {@value #LEAF_YEARS} years, listing {@code revoked} if not null. */
    private X509CRL crl(Issued issuer, X509Certificate revoked)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded()), Date.from(today));
        builder.setNextUpdate(Date.from(years(LEAF_YEARS)));
        if (revoked != null) {
            builder.addCRLEntry(revoked.getSerialNumber(), Date.from(today), CRLReason.keyCompromise);
        }
        JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                utils.createAuthorityKeyIdentifier(issuer.certificate()));
        builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
        return new JcaX509CRLConverter().setProvider(BouncyCastle.provider())
                .getCRL(builder.build(signer(issuer.keys())));
    }

    private static X500Name caName(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "CN")
                .addRDN(BCStyle.OU, OU)
                .addRDN(BCStyle.O, "AssistX")
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BouncyCastle.provider());
        generator.initialize(new ECGenParameterSpec(profile.curveName()), random);
        return generator.generateKeyPair();
    }

    private ContentSigner signer(KeyPair issuerKeys) throws OperatorCreationException {
        return new JcaContentSignerBuilder(profile.signatureAlgorithm())
                .setProvider(BouncyCastle.provider())
                .setSecureRandom(random)
                .build(issuerKeys.getPrivate());
    }

    private static X509Certificate certificate(X509CertificateHolder holder) throws GeneralSecurityException {
        return new JcaX509CertificateConverter().setProvider(BouncyCastle.provider()).getCertificate(holder);
    }

    /** A random positive serial number of at most 16 bytes, as RFC 5280 allows. */
    private BigInteger serial() {
        return new BigInteger(120, random).setBit(119);
    }

    private Instant years(int years) {
        return today.atZone(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }

    private void save(String certificateFile, String keyFile, Issued issued) throws IOException {
        writeFile(certificateFile, Pem.toPem(issued.certificate()));
        writeFile(keyFile, Pem.toPem(issued.keys().getPrivate()));
    }

    private void writeFile(String name, String content) throws IOException {
        Files.writeString(directory.resolve(name), content, StandardCharsets.US_ASCII);
    }
}
