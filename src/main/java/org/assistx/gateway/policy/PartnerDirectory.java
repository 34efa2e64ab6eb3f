package org.assistx.gateway.policy;

import java.util.Optional;

/** Which partner system serves a place; implemented by the partner registry. */
@FunctionalInterface
public interface PartnerDirectory {

    /**
     * The most specific partner covering a division (a 9-digit township or 6-digit county code), with
     * the recipient that partner expects for it; empty when no partner covers the place.
     */
    Optional<RouteTarget> partnerCovering(String division);
}
