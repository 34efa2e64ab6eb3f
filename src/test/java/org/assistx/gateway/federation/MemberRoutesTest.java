package org.assistx.gateway.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.assistx.gateway.crypto.CryptoException;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.TestKeys;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.partner.PartnerDescriptor;
import org.assistx.gateway.partner.PartnerProperties;
import org.assistx.gateway.partner.PartnerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Directory members as routes: the EXCHANGE transport, pinned trust, folders winning, this gateway left out. */
class MemberRoutesTest {

    static final KeyPair KEYS = TestKeys.keyPair(CryptoProfile.SM2);
    static final X509Certificate CERT = TestKeys.selfSigned(CryptoProfile.SM2, KEYS, "CN=shenzhen-gateway, O=4403");

    PartnerRegistry registry;
    SettableDirectory directory;
    Directory current;
    int loads;

    @BeforeEach
    void folders() {
        registry = new PartnerRegistry(new PartnerProperties("routes/partners", ""), List.of());
        registry.load();
        registry.onLoad(() -> loads++);
    }

    MemberRoutes routes(String ownId) {
        directory = new SettableDirectory(current);
        return new MemberRoutes(registry, new FederationProperties(true, ownId, null, null), directory);
    }

    static DirectoryMember member(String id, String organisation, String... divisions) {
        return new DirectoryMember(id, organisation, id, List.of(divisions),
                List.of("http://127.0.0.1:9/api/v1/exchange"), List.of(b64(CERT)), List.of(),
                List.of(CryptoProfile.SM2), List.of(MessageType.VERIFICATION_REQUEST, MessageType.PROOF_REQUEST));
    }

    static Directory directory(long version, DirectoryMember... members) {
        return new Directory(version, Instant.now().minusSeconds(5), Instant.now().plus(Duration.ofDays(1)),
                List.of(members));
    }

    @Test
    void membersAreRoutesWithTheExchangeTransportAndTheirPinnedCertificate() {
        current = directory(1, member("xian-6101", "6101", "6101"), member("shenzhen-4403", "4403", "4403"));
        routes("xian-6101");
        assertThat(registry.find("xian-6101")).as("this gateway is never a route").isEmpty();
        PartnerRegistry.Partner shenzhen = registry.get("shenzhen-4403");
        PartnerDescriptor d = shenzhen.descriptor();
        assertThat(d.transport()).isEqualTo(PartnerDescriptor.Transport.EXCHANGE);
        assertThat(d.answersLater()).isTrue();
        assertThat(d.crypto().signer()).isEqualTo("shenzhen-gateway");
        assertThat(d.endpoint()).isEqualTo("http://127.0.0.1:9/api/v1/exchange");
        shenzhen.trust().validate(CERT, List.of(), Instant.now());
        X509Certificate other = TestKeys.selfSigned(CryptoProfile.SM2, TestKeys.keyPair(CryptoProfile.SM2),
                "CN=shenzhen-gateway, O=4403");
        assertThatThrownBy(() -> shenzhen.trust().validate(other, List.of(), Instant.now()))
                .isInstanceOf(CryptoException.class);
        assertThat(registry.covering("440304001").map(PartnerRegistry.Partner::id))
                .as("a province folder (guangdong-44) still wins inside its province").contains("guangdong-44");
        assertThat(registry.all()).extracting(PartnerRegistry.Partner::id).contains("guangdong-44", "shenzhen-4403");
        assertThat(registry.folders()).extracting(PartnerRegistry.Partner::id).doesNotContain("shenzhen-4403");
    }

    @Test
    void aNewDirectoryReplacesTheMemberRoutesAndTellsTheListeners() {
        current = directory(1, member("chengdu-5101", "5101", "5101"));
        routes("xian-6101");
        assertThat(registry.covering("510104018").map(PartnerRegistry.Partner::id)).contains("chengdu-5101");
        int before = loads;
        directory.set(directory(2, member("kunming-5301", "5301", "5301", "530102")));
        assertThat(loads).isEqualTo(before + 1);
        assertThat(registry.covering("510104018")).isEmpty();
        assertThat(registry.covering("530102001").map(PartnerRegistry.Partner::id)).contains("kunming-5301");
        assertThat(registry.get("kunming-5301").descriptor().coverage("530102001")).isEqualTo(6);
    }

    @Test
    void anExpiredDirectoryRoutesNoNewRequestButItsMembersStayKnownForTheirAnswers() {
        current = new Directory(1, Instant.now().minus(Duration.ofDays(8)), Instant.now().minusSeconds(1),
                List.of(member("chengdu-5101", "5101", "5101")));
        routes("xian-6101");
        assertThat(registry.covering("510104018")).isEmpty();
        assertThat(registry.find("chengdu-5101")).isPresent();
    }

    @Test
    void aMemberWithAFolderPartnersIdIsLeftOutAndAFolderReloadKeepsTheMembers() {
        current = directory(1, member("guangdong-44", "44", "4499"), member("chengdu-5101", "5101", "5101"));
        routes("xian-6101");
        assertThat(registry.get("guangdong-44").descriptor().transport()).isEqualTo(PartnerDescriptor.Transport.REST_JSON);
        registry.load();
        assertThat(registry.find("chengdu-5101")).isPresent();
    }

    static String b64(X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
