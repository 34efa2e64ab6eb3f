/**
 * The policy of residence-based social assistance (rules R1–R11 of {@code policy/RULES.md}) as pure
 * logic: parsing and validating requests, classifying them, checking residence duration, declaration
 * and proof, choosing category and route, and deciding residence changes.
 *
 * <p>Plain Java: no framework types, so the ingress channels (REST, JMS, SOAP) wire these classes as
 * they need. Nothing here stores, sends or logs anything.
 */
package org.assistx.gateway.policy;
