package org.assistx.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.Mutations;
import org.assistx.gateway.crypto.CryptoProfile;
import org.assistx.gateway.crypto.Pem;
import org.assistx.gateway.crypto.SigningIdentity;
import org.assistx.gateway.envelope.EnvelopeHeader;
import org.assistx.gateway.envelope.EnvelopeSigner;
import org.assistx.gateway.envelope.EnvelopeSigners;
import org.assistx.gateway.envelope.EnvelopeVerifier;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.envelope.SignedMessage;
import org.assistx.gateway.envelope.XmlCanonicalization;
import org.assistx.gateway.partner.PartnerRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fuzz test of each partner's reply parser, through the code the gateway runs on a reply
 * ({@link PartnerMessages#readReply} then {@link PartnerMessages#check}: envelope parsing, signature and
 * chain, signer, request hash, mapping, outcome). Thousands of mutations of the partner's sample replies:
 * payloads mutated and then properly signed by the partner (so they reach the mapping), signed envelopes
 * mutated after signing, and headers with odd values. Only the gateway's own coded exceptions
 * ({@link GatewayException}) may come out; never an NPE, a ClassCastException, a StackOverflowError or the
 * like. The seed is fixed and printed ({@code -Dfuzz.seed=…} reproduces a run, {@code -Dfuzz.runs=…} sets
 * the runs per partner).
 */
class PartnerReplyFuzzTest {

    private static final long SEED = Mutations.seed(20_261_129L);
    private static final int RUNS = Mutations.runs(1_500);
    private static final Path SM2 = Path.of("certs-sample", "sm2");
    private static final Path ECDSA = Path.of("certs-sample", "ecdsa");

    private final ObjectMapper json = new ObjectMapper();
    private final PartnerMessages messages = new PartnerMessages(new EnvelopeSigners(
            gatewaySigner(CryptoProfile.SM2, SM2), List.of(gatewaySigner(CryptoProfile.ECDSA_P256, ECDSA))), json,
            Clock.systemUTC());
    private final EnvelopeVerifier verifier = new EnvelopeVerifier(List.of(
            Pem.readCertificate(SM2.resolve("issuing-ca.pem")), Pem.readCertificate(ECDSA.resolve("issuing-ca.pem"))),
            Clock.systemUTC(), Duration.ofHours(24), Duration.ofMinutes(5));

    private EnvelopeSigner gatewaySigner(CryptoProfile profile, Path dir) {
        return new EnvelopeSigner(json, SigningIdentity.load("6101", profile, dir.resolve("gateway.crt.pem"),
                dir.resolve("gateway.key.pem")));
    }

    /** A failure: what went in, and what came out. */
    private record Crash(int run, String mode, String input, Throwable thrown) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("run " + run + " (" + mode + "): " + thrown + "\n  input: "
                    + (input.length() > 400 ? input.substring(0, 400) + "…" : input));
            for (StackTraceElement e : thrown.getStackTrace()) {
                if (sb.length() > 2_000) {
                    break;
                }
                sb.append("\n    at ").append(e);
            }
            return sb.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "xian-county-bureaus, CROSS_COUNTY, 610113, 610104003, sm2, county-bureau-6101, 6101",
        "zhejiang-33, CROSS_PROVINCE, 33, 330106008, sm2, zhejiang-33, 33",
        "guangdong-44, CROSS_PROVINCE, 44, 440106003, ecdsa, guangdong-44, 44"})
    void onlyCodedRefusalsComeOutOfTheReplyPath(String partnerId, String jurisdiction, String recipient, String hukou,
            String pki, String leaf, String organisation) throws Exception {
        List<X509CRL> crls = List.of(Pem.readCrl(SM2.resolve("issuing-ca.crl.pem")),
                Pem.readCrl(ECDSA.resolve("issuing-ca.crl.pem")));
        Path folder = Path.of("routes", "partners", partnerId);
        PartnerRegistry.Partner partner = PartnerRegistry.loadPartner(folder, crls);
        var verification = PartnerMessagesTest.verification(jurisdiction, partnerId, recipient, hukou);
        MessageType requestType = messages.requestType(verification, partner);
        SignedMessage request = messages.signRequest(verification, partner, requestType);
        MessageType replyType = requestType == MessageType.PROOF_REQUEST ? MessageType.PROOF_RESULT
                : MessageType.VERIFICATION_RESULT;
        Path keys = Path.of("certs-sample", pki);
        EnvelopeSigner partnerSigner = new EnvelopeSigner(json, SigningIdentity.load(organisation,
                partner.descriptor().crypto().profile(), keys.resolve(leaf + ".crt.pem"), keys.resolve(leaf + ".key.pem")));
        Optional<XmlCanonicalization> xml = partner.descriptor().crypto().canonicalization().xml();
        List<String> samples = samples(folder);
        Replies replies = new Replies(partnerSigner, request, replyType, xml);
        List<String> signedSamples = samples.stream().map(s -> replies.sign(s, replies.header(null, null, null)))
                .toList();

        long started = System.nanoTime();
        Random random = new Random(SEED ^ partnerId.hashCode());
        Mutations mutate = new Mutations(random);
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Crash> crashes = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            int pick = random.nextInt(samples.size());
            String mode;
            String input;
            int kind = random.nextInt(10);
            if (kind < 6) {
                mode = "payload mutated, then signed";
                String payload = samples.get(pick);
                String mutated;
                if (random.nextBoolean()) {
                    mutated = xml.isEmpty() ? mutate.write(mutate.tree(json.readTree(payload)))
                            : mutateXmlValue(mutate, payload);
                } else {
                    mutated = mutate.text(payload);
                }
                input = replies.trySign(mutated, replies.header(null, null, null));
                if (input == null) {
                    mode = "signed envelope mutated";
                    input = mutate.text(signedSamples.get(pick));
                }
            } else if (kind < 9) {
                mode = "signed envelope mutated";
                input = mutate.text(signedSamples.get(pick));
            } else {
                mode = "odd header, signed";
                EnvelopeHeader odd = replies.header(mutate.text(UUID.randomUUID().toString()),
                        Instant.ofEpochSecond(random.nextLong() % 100_000_000_000L),
                        random.nextBoolean() ? request.signedDigest() : mutate.text(request.signedDigest()));
                input = replies.trySign(samples.get(pick), odd);
                if (input == null) {
                    continue;
                }
            }
            try {
                SignedMessage reply = messages.readReply(partner, input);
                PartnerMessages.CheckedReply checked = messages.check(partner, reply, request, verifier);
                outcomes.merge("accepted " + checked.outcome(), 1, Integer::sum);
            } catch (GatewayException e) {
                outcomes.merge(e.code(), 1, Integer::sum);
            } catch (Throwable t) {
                crashes.add(new Crash(run, mode, input, t));
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("PartnerReplyFuzzTest %s: seed %d, %d runs in %d ms, outcomes %s, crashes %d%n",
                partnerId, SEED, RUNS, millis, outcomes, crashes.size());
        assertThat(crashes).as("only GatewayException may come out (seed " + SEED + ")").isEmpty();
        int reachedMapping = outcomes.entrySet().stream()
                .filter(e -> e.getKey().startsWith("accepted") || e.getKey().startsWith("MAPPING")
                        || e.getKey().startsWith("PARTNER_"))
                .mapToInt(Map.Entry::getValue).sum();
        assertThat(reachedMapping).as("the fuzzing reaches the mapping, not only the signature check: " + outcomes)
                .isGreaterThan(RUNS / 10);
    }

    private static final java.util.regex.Pattern XML_VALUE = java.util.regex.Pattern.compile(">([^<]*)<|=\"([^\"]*)\"");

    /** Mutates one text node or attribute value of an XML document, escaped, so the document stays well formed. */
    private static String mutateXmlValue(Mutations mutate, String xml) {
        java.util.regex.Matcher m = XML_VALUE.matcher(xml);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            int group = m.group(1) != null ? 1 : 2;
            spans.add(new int[] {m.start(group), m.end(group)});
        }
        int[] span = spans.get(mutate.random().nextInt(spans.size()));
        String value = mutate.text(xml.substring(span[0], span[1]));
        StringBuilder escaped = new StringBuilder();
        value.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF
                && !(c >= 0xD800 && c <= 0xDFFF))).forEach(c -> {
                    switch (c) {
                        case '&' -> escaped.append("&amp;");
                        case '<' -> escaped.append("&lt;");
                        case '>' -> escaped.append("&gt;");
                        case '"' -> escaped.append("&quot;");
                        default -> escaped.appendCodePoint(c);
                    }
                });
        return xml.substring(0, span[0]) + escaped + xml.substring(span[1]);
    }

    private static List<String> samples(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve("samples"))) {
            return files.filter(p -> !p.getFileName().toString().contains(".expected."))
                    .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".xml")).sorted()
                    .map(p -> {
                        try {
                            return Files.readString(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }).toList();
        }
    }

    /** The partner's side: signs a payload (JSON or its own XML) into a reply envelope to the request. */
    private final class Replies {
        private final EnvelopeSigner signer;
        private final SignedMessage request;
        private final MessageType type;
        private final Optional<XmlCanonicalization> xml;

        Replies(EnvelopeSigner signer, SignedMessage request, MessageType type,
                Optional<XmlCanonicalization> xml) {
            this.signer = signer;
            this.request = request;
            this.type = type;
            this.xml = xml;
        }

        EnvelopeHeader header(String messageId, Instant createdAt, String requestHash) {
            return new EnvelopeHeader(messageId == null ? UUID.randomUUID().toString() : messageId,
                    request.header().correlationId(), type, request.header().recipient(), request.header().sender(),
                    createdAt == null ? Instant.now() : createdAt, "1",
                    requestHash == null ? request.signedDigest() : requestHash, null, null);
        }

        String sign(String payload, EnvelopeHeader header) {
            try {
                if (xml.isPresent()) {
                    return signer.signXml(header, payload.replaceFirst("^<\\?xml[^>]*\\?>\\s*", ""), xml.get()).text();
                }
                JsonNode tree = json.readTree(payload);
                return signer.sign(header, tree).text();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The signed reply, or null when the partner's own signing cannot take this payload. */
        String trySign(String payload, EnvelopeHeader header) {
            try {
                return sign(payload, header);
            } catch (RuntimeException | StackOverflowError notSignable) {
                return null;
            }
        }
    }
}
