package org.assistx.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.SigningIdentity;
import org.junit.jupiter.api.Test;

class DirectoryDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SigningIdentity AUTHORITY = FederationPki.authority("Directory Authority");
    private static final List<X509Certificate> TRUSTED = List.of(AUTHORITY.certificate());
    private static final DirectoryMember SHENZHEN = FederationPki.member("shenzhen-4403", "4403", List.of("4403"));
    private static final DirectoryMember XIAN = FederationPki.member("xian-6101", "6101", List.of("6101", "610113"));

    private static Directory directory() {
        return FederationPki.directory(3, Duration.ofDays(7), SHENZHEN, XIAN);
    }

    private static String code(Runnable action) {
        try {
            action.run();
        } catch (GatewayException e) {
            return e.code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void signedDirectoryVerifiesAndRoutesByLongestPrefix() {
        Directory original = directory();
        String text = DirectoryDocument.sign(original, AUTHORITY);

        Directory read = DirectoryDocument.verify(text, TRUSTED, Instant.now());

        assertThat(read).isEqualTo(original);
        assertThat(read.serving("610113001").orElseThrow().id()).isEqualTo("xian-6101");
        assertThat(read.serving("440305001").orElseThrow().id()).isEqualTo("shenzhen-4403");
        assertThat(read.serving("110101001")).isEmpty();
        assertThat(text).contains("\"algorithm\" : \"SM3withSM2\"");
    }

    @Test
    void theLongestServedPrefixWinsAcrossMembers() {
        DirectoryMember guangdong = FederationPki.member("guangdong-44", "44", List.of("44"));
        DirectoryMember county = FederationPki.member("nanshan-440305", "440305", List.of("440305"));
        Directory d = FederationPki.directory(1, Duration.ofDays(1), guangdong, SHENZHEN, county);

        assertThat(d.serving("440305001").orElseThrow()).isEqualTo(county);
        assertThat(d.serving("440306001").orElseThrow()).isEqualTo(SHENZHEN);
        assertThat(d.serving("440106001").orElseThrow()).isEqualTo(guangdong);
        assertThat(d.serving("4403").orElseThrow()).isEqualTo(SHENZHEN);
        assertThat(d.serving("4")).isEmpty();
        assertThat(d.serving("610113001")).isEmpty();
        assertThat(d.member("shenzhen-4403").orElseThrow()).isEqualTo(SHENZHEN);
        assertThat(d.memberByOrganisation("440305").orElseThrow()).isEqualTo(county);
        assertThat(d).isEqualTo(new Directory(d.version(), d.issuedAt(), d.validUntil(), d.members()));
    }

    @Test
    void aChangedMemberOrByteIsRefused() throws Exception {
        String text = DirectoryDocument.sign(directory(), AUTHORITY);

        ObjectNode doc = (ObjectNode) JSON.readTree(text);
        ((ObjectNode) doc.at("/directory/members/0")).putArray("exchangeUrls").add("https://evil.example.org/x");
        assertThat(code(() -> DirectoryDocument.verify(doc.toString(), TRUSTED, Instant.now())))
                .isEqualTo("DIRECTORY_SIGNATURE_INVALID");

        String oneByte = text.replace("\"4403\"", "\"4404\"");
        assertThat(oneByte).isNotEqualTo(text);
        assertThat(code(() -> DirectoryDocument.verify(oneByte, TRUSTED, Instant.now())))
                .isEqualTo("DIRECTORY_SIGNATURE_INVALID");

        ObjectNode dropped = (ObjectNode) JSON.readTree(text);
        ((ArrayNode) dropped.at("/directory/members")).remove(1);
        assertThat(code(() -> DirectoryDocument.verify(dropped.toString(), TRUSTED, Instant.now())))
                .isEqualTo("DIRECTORY_SIGNATURE_INVALID");
    }

    @Test
    void aDirectorySignedByAnotherKeyIsRefused() {
        SigningIdentity rogue = FederationPki.authority("Directory Authority");
        String text = DirectoryDocument.sign(directory(), rogue);

        assertThat(code(() -> DirectoryDocument.verify(text, TRUSTED, Instant.now())))
                .isEqualTo("DIRECTORY_SIGNATURE_INVALID");
        assertThat(DirectoryDocument.verify(text, List.of(rogue.certificate()), Instant.now()).version()).isEqualTo(3);
    }

    @Test
    void anAuthorityCertifiedByAConfiguredRootIsTrusted() {
        KeyPair rootKeys = FederationPki.keyPair();
        Instant now = Instant.now();
        X509Certificate root = FederationPki.certificate(rootKeys, "CN=Federation Root", rootKeys, "CN=Federation Root",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true);
        KeyPair signerKeys = FederationPki.keyPair();
        X509Certificate signerCert = FederationPki.certificate(signerKeys, "CN=Directory Signer 2026", rootKeys,
                "CN=Federation Root", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), false);
        SigningIdentity signer = FederationPki.authority(signerKeys, signerCert);

        String text = DirectoryDocument.sign(directory(), signer);

        assertThat(DirectoryDocument.verify(text, List.of(root), now).members()).hasSize(2);
        assertThat(code(() -> DirectoryDocument.verify(text, TRUSTED, now))).isEqualTo("DIRECTORY_SIGNATURE_INVALID");
    }

    @Test
    void anAuthorityCertificateNotValidAtIssuedAtIsRefused() {
        KeyPair keys = FederationPki.keyPair();
        Instant now = Instant.now();
        X509Certificate lapsed = FederationPki.certificate(keys, "CN=Old Authority", keys, "CN=Old Authority",
                now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2)), false);
        SigningIdentity old = FederationPki.authority(keys, lapsed);

        String text = DirectoryDocument.sign(directory(), old);

        assertThat(code(() -> DirectoryDocument.verify(text, List.of(lapsed), now)))
                .isEqualTo("DIRECTORY_SIGNATURE_INVALID");
    }

    @Test
    void anExpiredOrNotYetValidDirectoryIsRefusedButReadableAsTheLastGoodCopy() {
        Instant issued = Instant.now().minus(Duration.ofDays(10));
        Directory expired = new Directory(4, issued, issued.plus(Duration.ofDays(7)), List.of(SHENZHEN));
        String text = DirectoryDocument.sign(expired, AUTHORITY);

        assertThat(code(() -> DirectoryDocument.verify(text, TRUSTED, Instant.now()))).isEqualTo("DIRECTORY_EXPIRED");
        assertThat(code(() -> DirectoryDocument.verify(text, TRUSTED, issued.minus(Duration.ofMinutes(6)))))
                .isEqualTo("DIRECTORY_EXPIRED");
        assertThat(DirectoryDocument.verify(text, TRUSTED, issued.minus(Duration.ofMinutes(4))).version())
                .as("a clock a little behind the authority's").isEqualTo(4);
        assertThat(DirectoryDocument.verify(text, TRUSTED, issued.plusSeconds(1)).version()).isEqualTo(4);
        assertThat(DirectoryDocument.verify(text, TRUSTED)).isEqualTo(expired);
    }

    @Test
    void unknownFieldsAreRefusedEvenWhenSigned() throws Exception {
        ObjectNode directory = (ObjectNode) JSON.readTree(DirectoryDocument.sign(directory(), AUTHORITY))
                .get("directory");
        ((ObjectNode) directory.at("/members/0")).put("priority", 1);
        String text = resign(directory);
        assertThat(code(() -> DirectoryDocument.verify(text, TRUSTED, Instant.now()))).isEqualTo("DIRECTORY_MALFORMED");

        ObjectNode doc = (ObjectNode) JSON.readTree(DirectoryDocument.sign(directory(), AUTHORITY));
        doc.put("comment", "hello");
        assertThat(code(() -> DirectoryDocument.verify(doc.toString(), TRUSTED, Instant.now())))
                .isEqualTo("DIRECTORY_MALFORMED");

        ObjectNode versionAsText = (ObjectNode) JSON.readTree(DirectoryDocument.sign(directory(), AUTHORITY))
                .get("directory");
        versionAsText.put("version", "3");
        String coerced = resign(versionAsText);
        assertThat(code(() -> DirectoryDocument.verify(coerced, TRUSTED, Instant.now())))
                .isEqualTo("DIRECTORY_MALFORMED");

        assertThat(code(() -> DirectoryDocument.verify("{\"directory\": {}, \"directory\": {}}", TRUSTED,
                Instant.now()))).isEqualTo("DIRECTORY_MALFORMED");
        assertThat(code(() -> DirectoryDocument.verify("not json", TRUSTED, Instant.now())))
                .isEqualTo("DIRECTORY_MALFORMED");
    }

    /** A document signed by the authority over a tree made by hand (as a careless authority tool would). */
    private static String resign(ObjectNode directory) {
        ObjectNode signed = JSON.createObjectNode();
        signed.set("directory", directory);
        byte[] value = AUTHORITY.sign(org.assistx.gateway.crypto.Jcs.canonicalize(signed));
        ObjectNode signature = signed.putObject("signature");
        signature.put("algorithm", "SM3withSM2");
        signature.put("certificate", FederationPki.der(AUTHORITY.certificate()));
        signature.put("value", java.util.Base64.getEncoder().encodeToString(value));
        return signed.toString();
    }

    @Test
    void contentRulesAreEnforcedWhenSigningAndWhenReading() throws Exception {
        DirectoryMember alsoShenzhen = FederationPki.member("other-4403", "4499", List.of("4403"));
        Directory duplicatePrefix = FederationPki.directory(5, Duration.ofDays(7), SHENZHEN, alsoShenzhen);
        assertThatThrownBy(() -> DirectoryDocument.sign(duplicatePrefix, AUTHORITY))
                .isInstanceOf(GatewayException.class).hasMessageContaining("both serve the prefix 4403");

        ObjectNode directory = (ObjectNode) JSON.readTree(DirectoryDocument.sign(directory(), AUTHORITY))
                .get("directory");
        ((ArrayNode) directory.at("/members/1/divisions")).add("4403");
        String duplicateRead = resign(directory);
        assertThat(code(() -> DirectoryDocument.verify(duplicateRead, TRUSTED, Instant.now())))
                .isEqualTo("DIRECTORY_MALFORMED");

        Directory sameId = FederationPki.directory(5, Duration.ofDays(7), SHENZHEN,
                FederationPki.member("shenzhen-4403", "4404", List.of("4404")));
        assertThat(code(() -> DirectoryDocument.sign(sameId, AUTHORITY))).isEqualTo("DIRECTORY_MALFORMED");

        for (DirectoryMember bad : List.of(
                FederationPki.member("a", "1", List.of("44031")),
                FederationPki.member("a", "1", List.of("61011300")),
                new DirectoryMember("a", "1", "t", List.of("44"), List.of("ftp://x.example.org/"),
                        SHENZHEN.signingCertificates(), List.of(), List.of(CryptoProfile.SM2),
                        SHENZHEN.messageTypes()),
                new DirectoryMember("a", "1", "t", List.of("44"), List.of("https://x.example.org/"),
                        List.of("bm90IGEgY2VydGlmaWNhdGU="), List.of(), List.of(CryptoProfile.SM2),
                        SHENZHEN.messageTypes()),
                new DirectoryMember("a", "1", "t", List.of("44"), List.of("https://x.example.org/"),
                        List.of(), List.of(), List.of(CryptoProfile.SM2), SHENZHEN.messageTypes()))) {
            assertThat(code(() -> DirectoryDocument.checkMember(bad))).as(bad.toString())
                    .isEqualTo("DIRECTORY_MALFORMED");
        }
    }
}
