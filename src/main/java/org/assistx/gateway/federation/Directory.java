package org.assistx.gateway.federation;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The content of a verified directory (its signature already checked): a version that only grows, when it was
 * issued, until when it may be used, and the member gateways.
 */
public record Directory(long version, Instant issuedAt, Instant validUntil, List<DirectoryMember> members) {

    public Directory {
        members = List.copyOf(members);
    }

    public Optional<DirectoryMember> member(String id) {
        return members.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /** The member whose organisation code is {@code organisation}. */
    public Optional<DirectoryMember> memberByOrganisation(String organisation) {
        return members.stream().filter(m -> m.organisation().equals(organisation)).findFirst();
    }

    /** The member serving the longest prefix of {@code division}. */
    public Optional<DirectoryMember> serving(String division) {
        return members.stream().filter(m -> m.coverage(division) >= 0)
                .max(Comparator.comparingInt(m -> m.coverage(division)));
    }

    public boolean validAt(Instant at) {
        return !at.isBefore(issuedAt) && at.isBefore(validUntil);
    }
}
