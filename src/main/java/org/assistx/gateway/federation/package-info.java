/**
 * The federation of city gateways: the signed directory of member gateways (who serves which division
 * prefixes, at which exchange endpoint, with which certificates), the hukou side of the exchange (requests and
 * notices from another gateway, answered asynchronously) and the asking side's use of the directory (a member
 * serving a hukou place is a route like a partner folder, its answers come back to our exchange endpoint).
 * See {@code docs/federation.md}.
 */
package org.assistx.gateway.federation;
