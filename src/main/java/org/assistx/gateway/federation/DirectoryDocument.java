package org.assistx.gateway.federation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.crypto.CertificateValidator;
import org.assistx.gateway.crypto.CryptoException;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Jcs;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.Signatures;
import org.assistx.gateway.crypto.SigningIdentity;

/**
 * The signed federation directory as it travels and is kept:
 *
 * <pre>
 * {"directory": {"version": 7, "issuedAt": "…", "validUntil": "…", "members": [ {DirectoryMember}, … ]},
 *  "signature": {"algorithm": "SM3withSM2", "certificate": "&lt;base64 DER&gt;", "value": "&lt;base64 DER&gt;"}}
 * </pre>
 *
 * The signature covers the RFC 8785 (JCS) bytes of the object {@code {"directory": …}}, signed with SM2 and the
 * GM/T 0009 default user id, by a directory authority: its certificate is one of the configured authority
 * certificates or chains to one, valid at {@code issuedAt}. Reading is strict: an unknown or missing field, a
 * duplicate key, two members with the same id or organisation, two members serving the same prefix, a division
 * prefix other than 2, 4 or 6 digits, an exchange URL other than http(s), a certificate that does not decode —
 * each refuses the whole document ({@code DIRECTORY_MALFORMED}).
 */
public final class DirectoryDocument {

    /** The one signature algorithm of a directory. */
    public static final CryptoProfile PROFILE = CryptoProfile.SM2;

    /**
     * How far ahead of this gateway's clock {@code issuedAt} may be: a directory built a moment ago on a machine
     * whose clock runs ahead is not refused as not yet valid.
     */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern PREFIX = Pattern.compile("\\d{2}|\\d{4}|\\d{6}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private DirectoryDocument() {
    }

    /**
     * The signed document of {@code directory}, as text (pretty-printed; the signature does not depend on the
     * layout).
     *
     * @throws GatewayException {@code DIRECTORY_MALFORMED} if the directory breaks a rule of the format
     */
    public static String sign(Directory directory, SigningIdentity authority) {
        check(directory);
        if (authority.profile() != PROFILE) {
            throw new GatewayException(Code.DIRECTORY_SIGNATURE_INVALID,
                    "the directory authority must sign with " + PROFILE + ", not " + authority.profile());
        }
        ObjectNode signed = JSON.createObjectNode();
        signed.set("directory", JSON.valueToTree(directory));
        byte[] value = authority.sign(Jcs.canonicalize(signed));
        ObjectNode signature = signed.putObject("signature");
        signature.put("algorithm", PROFILE.signatureAlgorithm());
        try {
            signature.put("certificate", Base64.getEncoder().encodeToString(authority.certificate().getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new GatewayException(Code.KEY_UNREADABLE, "the authority certificate cannot be encoded", e);
        }
        signature.put("value", Base64.getEncoder().encodeToString(value));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(signed) + "\n";
        } catch (JsonProcessingException e) {
            throw new GatewayException(Code.INTERNAL, "the directory cannot be written", e);
        }
    }

    /**
     * The directory of a signed document, checked for its signature, its authority and its rules, and valid at
     * {@code now} (its {@code issuedAt} may be up to {@link #CLOCK_SKEW} ahead).
     *
     * @throws GatewayException {@code DIRECTORY_MALFORMED}, {@code DIRECTORY_SIGNATURE_INVALID} or
     *                          {@code DIRECTORY_EXPIRED}
     */
    public static Directory verify(String text, List<X509Certificate> authorities, Instant now) {
        Directory directory = verify(text, authorities);
        if (!directory.validAt(now) && !directory.validAt(now.plus(CLOCK_SKEW))) {
            throw new GatewayException(Code.DIRECTORY_EXPIRED, "directory version " + directory.version()
                    + " is valid from " + directory.issuedAt() + " until " + directory.validUntil() + ", not at " + now);
        }
        return directory;
    }

    /**
     * As {@link #verify(String, List, Instant)} but whatever the time: for the last good copy, which stays in
     * force (and is reported) once expired.
     */
    public static Directory verify(String text, List<X509Certificate> authorities) {
        Objects.requireNonNull(text, "text");
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed("not JSON (or a duplicate key): " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw malformed("not a JSON object");
        }
        onlyFields(root, "document", "directory", "signature");
        JsonNode body = root.get("directory");
        JsonNode signature = root.get("signature");
        if (body == null || !body.isObject() || signature == null || !signature.isObject()) {
            throw malformed("the document needs the objects \"directory\" and \"signature\"");
        }
        onlyFields(signature, "signature", "algorithm", "certificate", "value");
        String algorithm = text(signature, "algorithm");
        if (!PROFILE.signatureAlgorithm().equals(algorithm)) {
            throw new GatewayException(Code.DIRECTORY_SIGNATURE_INVALID,
                    "signature algorithm " + algorithm + ", expected " + PROFILE.signatureAlgorithm());
        }
        X509Certificate signer;
        byte[] value;
        try {
            signer = Pem.certificateFromDer(Base64.getDecoder().decode(text(signature, "certificate")));
            value = Base64.getDecoder().decode(text(signature, "value"));
        } catch (IllegalArgumentException | CryptoException e) {
            throw malformed("the signature's certificate or value does not decode: " + e.getMessage());
        }

        ObjectNode signed = JSON.createObjectNode();
        signed.set("directory", body);
        byte[] bytes;
        try {
            bytes = Jcs.canonicalize(signed);
        } catch (CryptoException e) {
            throw malformed("no canonical form: " + e.getMessage());
        }
        boolean valid;
        try {
            valid = Signatures.verify(PROFILE, signer.getPublicKey(), bytes, value);
        } catch (CryptoException e) {
            throw new GatewayException(Code.DIRECTORY_SIGNATURE_INVALID,
                    "the signer's key is not an " + PROFILE + " key: " + e.getMessage());
        }
        if (!valid) {
            throw new GatewayException(Code.DIRECTORY_SIGNATURE_INVALID,
                    "the signature does not verify with the certificate " + signer.getSubjectX500Principal().getName());
        }

        Directory directory;
        try {
            directory = JSON.treeToValue(body, Directory.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw malformed(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        }
        check(directory);
        try {
            new CertificateValidator(authorities, List.of()).validate(signer, List.of(), directory.issuedAt());
        } catch (CryptoException e) {
            throw new GatewayException(Code.DIRECTORY_SIGNATURE_INVALID, "the signer "
                    + signer.getSubjectX500Principal().getName() + " is not a directory authority at "
                    + directory.issuedAt() + " (" + e.code() + ": " + e.getMessage() + ")");
        }
        return directory;
    }

    /**
     * Checks the rules of the format on a directory's content.
     *
     * @throws GatewayException {@code DIRECTORY_MALFORMED} naming the member and the rule broken
     */
    public static void check(Directory directory) {
        if (directory.issuedAt() == null || directory.validUntil() == null || directory.members() == null) {
            throw malformed("version, issuedAt, validUntil and members are all required");
        }
        if (directory.version() < 1) {
            throw malformed("version must be 1 or more, not " + directory.version());
        }
        if (!directory.issuedAt().isBefore(directory.validUntil())) {
            throw malformed("validUntil " + directory.validUntil() + " is not after issuedAt " + directory.issuedAt());
        }
        Set<String> ids = new HashSet<>();
        Set<String> organisations = new HashSet<>();
        Map<String, String> servedBy = new HashMap<>();
        for (DirectoryMember member : directory.members()) {
            checkMember(member);
            if (!ids.add(member.id())) {
                throw malformed("two members have the id " + member.id());
            }
            if (!organisations.add(member.organisation())) {
                throw malformed("two members have the organisation " + member.organisation());
            }
            for (String prefix : member.divisions()) {
                String other = servedBy.putIfAbsent(prefix, member.id());
                if (other != null) {
                    throw malformed("members " + other + " and " + member.id() + " both serve the prefix " + prefix);
                }
            }
        }
    }

    /**
     * Checks one member on its own (not against the others).
     *
     * @throws GatewayException {@code DIRECTORY_MALFORMED} naming the field and what is wrong
     */
    public static void checkMember(DirectoryMember m) {
        String who = "member " + m.id();
        if (m.id() == null || !ID.matcher(m.id()).matches()) {
            throw malformed("member id " + m.id() + " must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (blank(m.organisation()) || blank(m.title())) {
            throw malformed(who + ": organisation and title are required");
        }
        if (m.divisions().isEmpty() || m.exchangeUrls().isEmpty() || m.signingCertificates().isEmpty()
                || m.cryptoProfiles().isEmpty() || m.messageTypes().isEmpty()) {
            throw malformed(who + ": divisions, exchangeUrls, signingCertificates, cryptoProfiles and messageTypes "
                    + "must each name at least one");
        }
        Set<String> prefixes = new HashSet<>();
        for (String prefix : m.divisions()) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw malformed(who + ": division prefix " + prefix + " must be 2, 4 or 6 digits");
            }
            if (!prefixes.add(prefix)) {
                throw malformed(who + ": division prefix " + prefix + " is listed twice");
            }
        }
        for (String url : m.exchangeUrls()) {
            checkUrl(who, url);
        }
        certificates(who, "signingCertificates", m.signingCertificates());
        certificates(who, "tlsCertificates", m.tlsCertificates());
    }

    private static void checkUrl(String who, String url) {
        try {
            URI uri = new URI(url);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw malformed(who + ": exchange URL " + url + " must be an http(s) URL with a host");
            }
        } catch (URISyntaxException | NullPointerException e) {
            throw malformed(who + ": exchange URL " + url + " is not a URL");
        }
    }

    private static void certificates(String who, String field, List<String> certificates) {
        for (int i = 0; i < certificates.size(); i++) {
            try {
                Pem.certificateFromDer(Base64.getDecoder().decode(certificates.get(i)));
            } catch (IllegalArgumentException | NullPointerException | CryptoException e) {
                throw malformed(who + ": " + field + "[" + i + "] is not a base64 DER certificate");
            }
        }
    }

    private static void onlyFields(JsonNode node, String where, String... names) {
        Set<String> allowed = Set.of(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw malformed("unknown field \"" + name + "\" in the " + where);
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw malformed("signature." + field + " must be a string");
        }
        return value.asText();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static GatewayException malformed(String message) {
        return new GatewayException(Code.DIRECTORY_MALFORMED, message);
    }
}
