package org.assistx.gateway.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A private key that stays in a PKCS#11 token (an HSM, a smart card, SoftHSM): the token signs, the key never
 * leaves it. The token is reached through the JDK's own SunPKCS11 provider, configured once per
 * configuration at start-up; the key is found by its alias (the {@code CKA_LABEL}) in the provider's
 * {@code PKCS11} key store after logging in with the PIN. The certificate comes from the token (the
 * certificate object with the key's {@code CKA_ID}) or, if given, from a PEM file.
 *
 * <p>The SunPKCS11 {@code SHA256withECDSA} signature is DER-encoded, as Bouncy Castle's is, so a token
 * signature verifies exactly as a file-key signature does. PKCS#11 tokens rarely offer SM2, and the JDK
 * provider never does: an SM2 key in a token is refused with {@code UNSUPPORTED_ALGORITHM} (docs/crypto.md,
 * "Keys in a token", says how an SDF 密码机 plugs in instead).
 *
 * <p>Any failure to reach the key (no library, a wrong slot, a wrong PIN, no key under the alias) is a
 * {@code KEY_TOKEN_UNAVAILABLE} {@link CryptoException} naming what went wrong, so the gateway refuses to
 * start.
 */
public final class Pkcs11KeySource implements KeySource {

    /** One SunPKCS11 provider per configuration, shared by the keys of one token. */
    private static final Map<String, Provider> PROVIDERS = new ConcurrentHashMap<>();

    private final Provider provider;
    private final PrivateKey key;
    private final X509Certificate certificate;
    private final String description;

    private Pkcs11KeySource(Provider provider, PrivateKey key, X509Certificate certificate, String description) {
        this.provider = provider;
        this.key = key;
        this.certificate = certificate;
        this.description = description;
    }

    /**
     * How to reach a key in a token ({@code pkcs11} under a key of {@code assistx.crypto}).
     *
     * @param config        a SunPKCS11 configuration file ({@code name}, {@code library}, {@code slot} or
     *                      {@code slotListIndex}, ...); or leave it empty and give {@code library}
     * @param library       the token's PKCS#11 module, e.g. {@code /usr/lib/softhsm/libsofthsm2.so}
     * @param slotListIndex with {@code library}: the index of the token in the module's slot list (default 0)
     * @param alias         the key's label in the token ({@code CKA_LABEL} of the key and its certificate)
     * @param pin           the user PIN; from the environment ({@code ${ASSISTX_PKCS11_PIN}}), never a file in
     *                      the repository
     */
    public record Token(String config, String library, Integer slotListIndex, String alias, String pin) {

        /**
         * The SunPKCS11 configuration: the file, or an inline configuration for {@code library}.
         *
         * @throws CryptoException {@code KEY_TOKEN_UNAVAILABLE} if neither or both are given
         */
        String providerConfiguration() {
            boolean hasConfig = config != null && !config.isBlank();
            boolean hasLibrary = library != null && !library.isBlank();
            if (hasConfig == hasLibrary) {
                throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE,
                        "pkcs11 needs either config (a SunPKCS11 configuration file) or library, not "
                                + (hasConfig ? "both" : "neither"));
            }
            if (hasConfig) {
                return config;
            }
            return "--name = assistx" + slotIndex() + "\nlibrary = " + library + "\nslotListIndex = " + slotIndex() + "\n";
        }

        private int slotIndex() {
            return slotListIndex == null ? 0 : slotListIndex;
        }

        String where() {
            return config != null && !config.isBlank() ? "config " + config
                    : "library " + library + " slot list index " + slotIndex();
        }

        @Override
        public String toString() {
            return "Token[" + where() + ", alias=" + alias + "]";
        }
    }

    /**
     * Logs in to the token and finds the key for {@code profile}, with its certificate from the token or,
     * if {@code certificatePem} is not {@code null}, from that file.
     *
     * @throws CryptoException {@code KEY_TOKEN_UNAVAILABLE} if the token, the PIN or the key is not right;
     *                         {@code UNSUPPORTED_ALGORITHM} if the token cannot sign for the profile;
     *                         {@code KEY_UNREADABLE} if the certificate file cannot be read
     */
    public static Pkcs11KeySource open(CryptoProfile profile, Token token, Path certificatePem) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(token, "token");
        if (token.alias() == null || token.alias().isBlank()) {
            throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE, "pkcs11 needs the alias of the key");
        }
        if (token.pin() == null || token.pin().isEmpty()) {
            throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE,
                    "pkcs11 needs the PIN of the token (" + token.where() + ")");
        }
        Provider provider = provider(token);
        if (provider.getService("Signature", profile.signatureAlgorithm()) == null) {
            throw new CryptoException(CryptoException.UNSUPPORTED_ALGORITHM, "The PKCS#11 token (" + token.where()
                    + ") offers no " + profile.signatureAlgorithm() + " signature; a " + profile
                    + " key cannot be kept in it");
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, token.pin().toCharArray());
        } catch (Exception e) {
            throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE, "Cannot log in to the PKCS#11 token ("
                    + token.where() + "): " + rootMessage(e) + " (a wrong PIN is CKR_PIN_INCORRECT)", e);
        }
        String where = "PKCS#11 token (" + token.where() + ") alias " + token.alias();
        PrivateKey key;
        Certificate tokenCertificate;
        try {
            Key found = store.isKeyEntry(token.alias()) ? store.getKey(token.alias(), null) : null;
            if (!(found instanceof PrivateKey privateKey)) {
                throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE, "No private key with alias '"
                        + token.alias() + "' in the PKCS#11 token (" + token.where() + "); it holds "
                        + Collections.list(store.aliases()) + ". A key is seen only with a certificate of the "
                        + "same CKA_ID in the token (pkcs11-tool --write-object cert.der --type cert --id ...)");
            }
            key = privateKey;
            tokenCertificate = store.getCertificate(token.alias());
        } catch (GeneralSecurityException e) {
            throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE,
                    "Cannot read the key of " + where + ": " + rootMessage(e), e);
        }
        X509Certificate certificate;
        if (certificatePem != null) {
            certificate = Pem.readCertificate(certificatePem);
        } else if (tokenCertificate instanceof X509Certificate x509) {
            certificate = x509;
        } else {
            throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE,
                    "No X.509 certificate for alias '" + token.alias() + "' in the PKCS#11 token (" + token.where() + ")");
        }
        return new Pkcs11KeySource(provider, key, certificate, where);
    }

    private static Provider provider(Token token) {
        String configuration = token.providerConfiguration();
        if (!configuration.startsWith("--") && !Files.isReadable(Path.of(configuration))) {
            throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE,
                    "The SunPKCS11 configuration file " + configuration + " cannot be read");
        }
        try {
            return PROVIDERS.computeIfAbsent(configuration, c -> {
                Provider base = Security.getProvider("SunPKCS11");
                if (base == null) {
                    throw new IllegalStateException("this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
                }
                return base.configure(c);
            });
        } catch (RuntimeException e) {
            throw new CryptoException(CryptoException.KEY_TOKEN_UNAVAILABLE, "Cannot open the PKCS#11 module ("
                    + token.where() + "): " + rootMessage(e), e);
        }
    }

    /** The message of the innermost cause, which is where the PKCS#11 return value (CKR_...) is. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        String message = String.valueOf(e.getMessage());
        while (t != null) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message;
    }

    @Override
    public X509Certificate certificate() {
        return certificate;
    }

    /** The DER signature of {@code data}, made by the token; one JCA {@link Signature} per call, no lookup by name. */
    @Override
    public byte[] sign(CryptoProfile profile, byte[] data) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(data, "data");
        try {
            Signature signature = Signature.getInstance(profile.signatureAlgorithm(), provider);
            signature.initSign(key);
            signature.update(data);
            return signature.sign();
        } catch (InvalidKeyException e) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE,
                    "The key of " + description + " cannot be used for " + profile.signatureAlgorithm(), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new CryptoException(CryptoException.KEY_UNREADABLE,
                    "The token could not sign with " + description + ": " + rootMessage(e), e);
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return "Pkcs11KeySource[" + description + "]";
    }
}
