package org.assistx.gateway.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A partner folder that is invalid is refused with the file, the field and the problem. */
class PartnerDescriptorLoaderTest {

    final PartnerDescriptorLoader loader = new PartnerDescriptorLoader();

    @Test
    void theShippedCountyBureausDescriptorLoads() {
        PartnerDescriptor d = loader.load(Path.of("routes", "partners", "xian-county-bureaus"));
        assertThat(d.id()).isEqualTo("xian-county-bureaus");
        assertThat(d.covers()).containsExactly("6101");
        assertThat(d.transport()).isEqualTo(PartnerDescriptor.Transport.SOAP);
        assertThat(d.coverage("610104003")).isEqualTo(4);
        assertThat(d.coverage("440106001")).isEqualTo(-1);
    }

    @Test
    void errorsNameFileFieldAndProblem(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("broken-partner"));
        String good = Files.readString(Path.of("routes", "partners", "xian-county-bureaus", "partner.yaml"))
                .replace("id: xian-county-bureaus", "id: broken-partner");
        Files.writeString(folder.resolve("mapping.yaml"), "format: json\n");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("covers: [\"6101\"]", "covers: [\"61A\"]"));
        assertThatThrownBy(() -> loader.load(folder)).isInstanceOf(PartnerConfigException.class)
                .hasMessageContaining("partner.yaml").hasMessageContaining("/covers/0: does not match the regex pattern")
                .hasMessageContaining("partner.schema.json");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("transport: SOAP", "transport: FAX"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("/transport: does not have a value in the enumeration");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("response: PT30S", "response: 30 seconds"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("/timeouts/response: does not match the regex pattern");

        Files.writeString(folder.resolve("partner.yaml"), good + "\nsurprise: true\n");
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("(root): property 'surprise' is not defined in the schema");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("id: broken-partner", "id: other-name"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("folder name");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("mapping: mapping.yaml", "mapping: nope.yaml"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'mapping'").hasMessageContaining("nope.yaml");
    }

    @Test
    void theProvincialDescriptorsLoadWithTheirTransportsAndCanonicalForms() {
        PartnerDescriptor gd = loader.load(Path.of("routes", "partners", "guangdong-44"));
        assertThat(gd.transport()).isEqualTo(PartnerDescriptor.Transport.REST_JSON);
        assertThat(gd.crypto().canonicalization()).isEqualTo(PartnerDescriptor.Canonicalization.JCS);
        assertThat(gd.xmlEnvelope()).isFalse();
        assertThat(gd.retry().maximumRedeliveries()).isEqualTo(6);
        assertThat(gd.circuitBreaker().slidingWindowSize()).isEqualTo(20);
        assertThat(gd.request().format()).isEqualTo(RequestTemplate.Format.JSON);
        PartnerDescriptor zj = loader.load(Path.of("routes", "partners", "zhejiang-33"));
        assertThat(zj.transport()).isEqualTo(PartnerDescriptor.Transport.JMS_XML);
        assertThat(zj.replyTo()).isEqualTo("partner.zhejiang-33.replies");
        assertThat(zj.xmlEnvelope()).isTrue();
        assertThat(zj.request().format()).isEqualTo(RequestTemplate.Format.XML);
        assertThat(zj.accepts(org.assistx.gateway.envelope.MessageType.PROOF_REQUEST)).isTrue();
    }

    @Test
    void transportCanonicalFormRetryAndBreakerAreChecked(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("zhejiang-33"));
        Path source = Path.of("routes", "partners", "zhejiang-33");
        for (String f : new String[] {"mapping.yaml", "request-template.xml"}) {
            Files.copy(source.resolve(f), folder.resolve(f));
        }
        String good = Files.readString(source.resolve("partner.yaml"));
        Files.writeString(folder.resolve("partner.yaml"), good);
        assertThat(loader.load(folder).id()).isEqualTo("zhejiang-33");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("replyTo: partner.zhejiang-33.replies", ""));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("required property 'replyTo' not found");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("canonicalization: EXCLUSIVE_XML_C14N",
                "canonicalization: JCS"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'crypto.canonicalization'")
                .hasMessageContaining("XML canonical form");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("transport: JMS_XML", "transport: REST_JSON")
                .replace("endpoint: partner.zhejiang-33.requests", "endpoint: https://zj.example/api"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'replyTo' is only for JMS_XML");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("maximumRedeliveries: 4", "maximumRedeliveries: -1"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("/retry/maximumRedeliveries: must have a minimum value of 0");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("maximumDelay: PT5M", "maximumDelay: PT1S"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'retry.maximumDelay'")
                .hasMessageContaining("initialDelay");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("minimumNumberOfCalls: 5", "minimumNumberOfCalls: 50"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'circuitBreaker.minimumNumberOfCalls'");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("  slidingWindowSize: 10", "  slidingWindow: 10"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("/circuitBreaker: property 'slidingWindow' is not defined")
                .hasMessageContaining("required property 'slidingWindowSize' not found");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("messageTypes: [PROOF_REQUEST, VERIFICATION_REQUEST]",
                "messageTypes: [PROOF_RESULT]"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("/messageTypes/0: does not have a value in the enumeration");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("bizType:    {PROOF_REQUEST: ZMKJ, VERIFICATION_REQUEST: JZHC}",
                "bizType:    {PROOF_REQUEST: ZMKJ}"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("request-template.xml")
                .hasMessageContaining("has no code for [VERIFICATION_REQUEST]");

        Files.writeString(folder.resolve("partner.yaml"), good.replace("covers: [\"33\"]", "covers: [33]"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("/covers/0: integer found, string expected");
    }

    @Test
    void placeholdersComeFromTheEnvironmentOrTheirDefaultAndPathsAreRelativeToTheFolder(@TempDir Path dir)
            throws IOException {
        Path folder = Files.createDirectory(dir.resolve("xian-county-bureaus"));
        PartnerRegistryReloadTest.copy(Path.of("routes", "partners", "xian-county-bureaus"), folder);
        Path descriptor = folder.resolve("partner.yaml");
        Files.writeString(descriptor, Files.readString(descriptor)
                .replace("endpoint: /services/simulator/county-bureau",
                        "endpoint: ${XIAN_BUREAU_ENDPOINT:/services/simulator/county-bureau}")
                .replace("  signer: county-bureau-6101", "  signer: ${XIAN_BUREAU_SIGNER}"));

        java.util.Map<String, String> test = java.util.Map.of("XIAN_BUREAU_SIGNER", "county-bureau-6101");
        PartnerDescriptor inTest = new PartnerDescriptorLoader(test::get).load(folder);
        assertThat(inTest.endpoint()).isEqualTo("/services/simulator/county-bureau");
        assertThat(inTest.crypto().signer()).isEqualTo("county-bureau-6101");
        assertThat(inTest.crypto().trust()).containsExactly(folder.resolve("trust"));
        assertThat(inTest.mappingFile()).isEqualTo(folder.resolve("mapping.yaml"));

        java.util.Map<String, String> prod = java.util.Map.of("XIAN_BUREAU_SIGNER", "xian-bureau-2027",
                "XIAN_BUREAU_ENDPOINT", "https://bureau.xa.example/assistx");
        PartnerDescriptor inProd = new PartnerDescriptorLoader(prod::get).load(folder);
        assertThat(inProd.endpoint()).isEqualTo("https://bureau.xa.example/assistx");
        assertThat(inProd.crypto().signer()).isEqualTo("xian-bureau-2027");

        assertThatThrownBy(() -> new PartnerDescriptorLoader(name -> null).load(folder))
                .isInstanceOf(PartnerConfigException.class).hasMessageContaining("'crypto.signer'")
                .hasMessageContaining("XIAN_BUREAU_SIGNER");
    }

    @Test
    void theOldSingleTrustAnchorFieldSaysWhatReplacedIt(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("xian-county-bureaus"));
        PartnerRegistryReloadTest.copy(Path.of("routes", "partners", "xian-county-bureaus"), folder);
        Path descriptor = folder.resolve("partner.yaml");
        Files.writeString(descriptor, Files.readString(descriptor).replaceFirst("  trust: trust.*\n",
                "  trustAnchor: certs-sample/sm2/root-ca.pem\n"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'crypto.trustAnchor'")
                .hasMessageContaining("crypto.trust");
    }

    @Test
    void tlsSettingsAreForAnHttpsSoapPartnerToo(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("xian-county-bureaus"));
        String soap = overHttps(folder, "/services/simulator/county-bureau", "https://bureaus.example/services");
        assertThat(loader.load(folder).tls().serverCa()).isEqualTo(folder.resolve("trust").resolve("root-ca.pem"));

        Files.writeString(folder.resolve("partner.yaml"), soap.replace("endpoint: https://bureaus.example/services",
                "endpoint: http://bureaus.example/services"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'tls'").hasMessageContaining("https://");
    }

    /**
     * The sample partner of the folder's name copied into it, its {@code endpoint} replaced by an
     * {@code https://} one with {@code tls.serverCa}; the descriptor's text.
     */
    private static String overHttps(Path folder, String endpoint, String https) throws IOException {
        PartnerRegistryReloadTest.copy(Path.of("routes", "partners", folder.getFileName().toString()), folder);
        Path descriptor = folder.resolve("partner.yaml");
        String text = Files.readString(descriptor).replace("endpoint: " + endpoint,
                "endpoint: " + https + "\ntls:\n  serverCa: trust/root-ca.pem");
        Files.writeString(descriptor, text);
        return text;
    }

    @Test
    void tlsSettingsAreForAnHttpsRestPartnerAndNameFilesOfTheFolder(@TempDir Path dir) throws IOException {
        Path folder = Files.createDirectory(dir.resolve("guangdong-44"));
        String good = overHttps(folder, "/simulator/partners/guangdong-44", "https://gd.example/api");
        Path descriptor = folder.resolve("partner.yaml");
        PartnerDescriptor d = loader.load(folder);
        assertThat(d.tls().serverCa()).isEqualTo(folder.resolve("trust").resolve("root-ca.pem"));
        assertThat(d.tls().clientCertificate()).isNull();

        Files.writeString(descriptor, good.replace("serverCa: trust/root-ca.pem", "serverCa: trust/nope.pem"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'tls.serverCa'").hasMessageContaining("nope.pem");
        Files.writeString(descriptor, good.replace("serverCa: trust/root-ca.pem",
                "serverCa: trust/root-ca.pem\n  clientKey: trust/root-ca.pem"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("/tls: has a missing property 'clientCertificate'");
        Files.writeString(descriptor, good.replace("endpoint: https://gd.example/api", "endpoint: http://gd.example/api"));
        assertThatThrownBy(() -> loader.load(folder)).hasMessageContaining("'tls'").hasMessageContaining("https://");
    }
}
