package org.assistx.gateway.policy;

import java.util.Optional;

/** Which partner, if any, answers for a division (the most specific one). */
@FunctionalInterface
public interface PartnerDirectory {
    Optional<RouteTarget> partnerCovering(String division);
}
