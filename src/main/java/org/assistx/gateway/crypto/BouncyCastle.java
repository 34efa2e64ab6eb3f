package org.assistx.gateway.crypto;

import java.security.Provider;
import java.security.Security;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider of the process. It is registered with {@link Security} the first time
 * it is asked for, unless a Bouncy Castle provider is registered already, in which case that one is used.
 * Code in this package always names the provider explicitly, so it never depends on provider order.
 */
public final class BouncyCastle {

    private BouncyCastle() {
    }

    /** The registered Bouncy Castle provider ({@code "BC"}). */
    public static Provider provider() {
        return Holder.PROVIDER;
    }

    private static final class Holder {
        static final Provider PROVIDER = register();

        private static Provider register() {
            synchronized (Security.class) {
                Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
                if (existing != null) {
                    return existing;
                }
                Provider bc = new BouncyCastleProvider();
                Security.addProvider(bc);
                return bc;
            }
        }
    }
}
