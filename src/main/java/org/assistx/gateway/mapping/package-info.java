/**
 * Mapping: turns a partner's answer (its own JSON or XML, field names and code tables) into the
 * canonical records of DESIGN §6, driven by the partner's declarative {@code mapping.yaml}
 * ({@link org.assistx.gateway.mapping.MappingSpec}, {@link org.assistx.gateway.mapping.RecordMapper}).
 *
 * <p>Plain Java: no Camel or Spring types, so every partner format is tested with golden files and no
 * container. The canonical JSON Schemas ({@link org.assistx.gateway.mapping.CanonicalSchemas}) are the
 * contract every mapped record is checked against before it leaves this package.
 */
package org.assistx.gateway.mapping;
