package org.assistx.gateway.policy;

/** Where a check goes: the partner id and the organisation code it is addressed to. */
public record RouteTarget(String partner, String recipient) {
}
