package org.assistx.gateway.crypto;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.assistx.gateway.envelope.Envelope;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.MessageType;

/**
 * The gateway's signing path in a JVM that sees a SoftHSM token ({@link SoftHsm#java}): opens the key the way
 * the gateway does at start-up ({@link CryptoConfiguration#open} with a {@code pkcs11} key, the PIN from
 * {@code ASSISTX_PKCS11_PIN}) and signs one envelope with it.
 *
 * <p>Arguments: profile, alias, SunPKCS11 configuration file (or {@code -} for {@code library} with slot list
 * index 0), certificate PEM (or {@code -} for the certificate in the token). Prints {@code SIGNED <base64 of
 * the envelope>}, or {@code REFUSED <code> <message>} and exits with 3.
 */
public final class TokenSigningProcess {

    private TokenSigningProcess() {
    }

    public static void main(String[] args) {
        CryptoProfile profile = CryptoProfile.valueOf(args[0]);
        String config = "-".equals(args[2]) ? null : args[2];
        Pkcs11KeySource.Token token = new Pkcs11KeySource.Token(config,
                config == null ? SoftHsm.LIBRARY.toString() : null, null, args[1], System.getenv("ASSISTX_PKCS11_PIN"));
        String certificate = "-".equals(args[3]) ? null : args[3];
        try {
            SigningIdentity identity = CryptoConfiguration.open("6101", profile,
                    new CryptoProperties.ProfileKey(certificate, null, token));
            ObjectMapper json = new ObjectMapper();
            Envelope envelope = new EnvelopeSigner(json, identity).sign(new EnvelopeHeader("m-token-1", "v-token-1",
                    MessageType.VERIFICATION_REQUEST, "610113001", "44", Instant.now().truncatedTo(ChronoUnit.SECONDS),
                    EnvelopeHeader.SCHEMA_VERSION, null, "R6", "case-token"),
                    json.createObjectNode().put("idNumber", "440104199001011234").put("name", "张三"));
            System.out.println("SIGNED " + Base64.getEncoder().encodeToString(envelope.text().getBytes(StandardCharsets.UTF_8)));
        } catch (CryptoException e) {
            System.out.println("REFUSED " + e.code() + " " + e.getMessage());
            System.exit(3);
        }
    }
}
