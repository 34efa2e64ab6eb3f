package org.assistx.gateway.ops;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.federation.DirectoryMember;
import org.assistx.gateway.federation.DirectoryService;
import org.assistx.gateway.federation.MemberTrust;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations API for the federation: the directory in force on this node ({@code GET
 * /api/v1/ops/federation/directory}), when it was last read from its source and what went wrong last.
 */
@RestController
@RequestMapping("/api/v1/ops/federation")
public class OpsFederationController {

    /** One member as the console lists it (its certificates summed up by the first to expire). */
    public record Member(String id, String organisation, String title, List<String> divisions,
            List<String> exchangeUrls, List<CryptoProfile> cryptoProfiles, List<MessageType> messageTypes,
            Instant signingCertificateExpires) {
    }

    /** The directory in force and its reads. */
    public record DirectoryView(boolean enabled, String memberId, Long version, Instant issuedAt,
            Instant validUntil, boolean expired, String source, Instant fetchedAt, Instant lastCheckAt,
            DirectoryService.Problem lastError, List<Member> members) {
    }

    private final DirectoryService directory;

    public OpsFederationController(DirectoryService directory) {
        this.directory = directory;
    }

    @GetMapping("/directory")
    public DirectoryView directory() {
        DirectoryService.Status s = directory.status();
        return new DirectoryView(s.enabled(), s.memberId(), s.version(), s.issuedAt(), s.validUntil(), s.expired(),
                s.source(), s.fetchedAt(), s.lastCheckAt(), s.lastError(),
                s.members().stream().map(OpsFederationController::member).toList());
    }

    private static Member member(DirectoryMember m) {
        Instant expires = MemberTrust.signingCertificates(m).stream().map(X509Certificate::getNotAfter)
                .map(java.util.Date::toInstant).min(Comparator.naturalOrder()).orElse(null);
        return new Member(m.id(), m.organisation(), m.title(), m.divisions(), m.exchangeUrls(), m.cryptoProfiles(),
                m.messageTypes(), expires);
    }
}
