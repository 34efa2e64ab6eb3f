/**
 * Signatures and certificates of the message envelope (DESIGN §5): plain Java, no Spring, constructed by
 * the envelope, partner and ops code.
 *
 * <ul>
 *   <li>{@link org.assistx.gateway.crypto.Jcs} turns {@code {"header": …, "payload": …}} into the RFC 8785
 *       canonical bytes that are signed;</li>
 *   <li>{@link org.assistx.gateway.crypto.CryptoProfile} names the algorithms of an organisation (SM2/SM3 or
 *       ECDSA P-256/SHA-256); {@link org.assistx.gateway.crypto.Signatures} signs and verifies with them,
 *       SM2 with the GM/T 0009 default user id, so that {@code openssl dgst} verifies the result;</li>
 *   <li>{@link org.assistx.gateway.crypto.SigningIdentity} is the gateway's key and certificate, the key
 *       behind a {@link org.assistx.gateway.crypto.KeySource}: a PEM file
 *       ({@link org.assistx.gateway.crypto.FileKeySource}) or a PKCS#11 token
 *       ({@link org.assistx.gateway.crypto.Pkcs11KeySource});
 *       {@link org.assistx.gateway.crypto.Pem} reads and writes PEM files,
 *       {@link org.assistx.gateway.crypto.CertificateValidator} checks a signer's certificate against the
 *       partner's trust anchors and CRLs at the message's {@code createdAt};</li>
 *   <li>{@link org.assistx.gateway.crypto.SamplePki} writes the throwaway sample PKI in {@code certs-sample/}.</li>
 * </ul>
 *
 * Every deliberate failure is a {@link org.assistx.gateway.crypto.CryptoException} with a stable code.
 * Bouncy Castle is registered once, by {@link org.assistx.gateway.crypto.BouncyCastle#provider()}.
 */
package org.assistx.gateway.crypto;
