package org.assistx.gateway.policy;

import java.util.Map;
import java.util.Optional;

/**
 * The partners of the demo deployment: the county bureaus of 西安市 (each division's own county is the
 * recipient), and the Guangdong and Zhejiang provincial systems. The longest matching prefix wins.
 */
final class FakePartnerDirectory implements PartnerDirectory {

    static final String XIAN = "xian-county-bureaus";
    static final String GUANGDONG = "guangdong-province";
    static final String ZHEJIANG = "zhejiang-province";

    private static final Map<String, String> PARTNERS = Map.of("6101", XIAN, "44", GUANGDONG, "33", ZHEJIANG);

    @Override
    public Optional<RouteTarget> partnerCovering(String division) {
        String best = null;
        for (String prefix : PARTNERS.keySet()) {
            if (division.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        String recipient = best.equals("6101") ? division.substring(0, 6) : best;
        return Optional.of(new RouteTarget(PARTNERS.get(best), recipient));
    }
}
