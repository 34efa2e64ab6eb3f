/**
 * The national statistical division list (provinces, cities, counties, townships) shipped as data, and
 * the rules that decide whether two places are in the same township, county, city or province.
 *
 * <p>Plain Java: no framework types, so the policy code and any wiring can use it alike.
 */
package org.assistx.gateway.division;
