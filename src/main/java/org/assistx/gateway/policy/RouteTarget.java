package org.assistx.gateway.policy;

/**
 * Where a message goes.
 *
 * @param partner   id of the partner (the folder name under {@code routes/partners/})
 * @param recipient division code of the organisation addressed (the envelope's {@code recipient})
 */
public record RouteTarget(String partner, String recipient) {
}
