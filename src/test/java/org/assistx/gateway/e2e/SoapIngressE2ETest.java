package org.assistx.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.message.Message;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayTestSupport;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.ingress.soap.SoapEnums;
import org.assistx.gateway.ingress.soap.SoapFollowUps;
import org.assistx.gateway.ingress.soap.SoapVerification;
import org.assistx.gateway.ingress.soap.SoapVerificationRequest;
import org.assistx.gateway.ingress.soap.VerificationFault;
import org.assistx.gateway.ingress.soap.VerificationServicePort;
import org.assistx.gateway.mapping.Outcome;
import org.assistx.gateway.policy.AssistanceType;
import org.assistx.gateway.policy.EmergencyKind;
import org.assistx.gateway.policy.HukouNature;
import org.assistx.gateway.policy.ResidenceChangeDecision;
import org.assistx.gateway.tracking.MessageRecord;
import org.assistx.gateway.tracking.VerificationStatus;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A township system that only speaks SOAP, through the real CXF endpoint over HTTP: every operation REST
 * offers a township, typed elements both ways, and every refusal a declared fault carrying the REST code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SoapIngressE2ETest {

    static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        GatewayTestSupport.freshDataDir(registry, "soap-ingress");
    }

    @LocalServerPort
    int port;

    VerificationServicePort client(String org) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(VerificationServicePort.class);
        factory.setAddress(address());
        VerificationServicePort service = (VerificationServicePort) factory.create();
        if (org != null) {
            Client c = ClientProxy.getClient(service);
            c.getRequestContext().put(Message.PROTOCOL_HEADERS, Map.of("X-Client-Org", List.of(org)));
        }
        return service;
    }

    private String address() {
        return "http://127.0.0.1:" + port + "/services/verifications";
    }

    static SoapVerificationRequest dibao(String requestId, String idNumber, String hukouDivision) {
        SoapVerificationRequest r = new SoapVerificationRequest();
        r.requestId = requestId;
        r.appliedOn = LocalDate.of(2026, 9, 1);
        r.residenceTownship = "610113001";
        r.applicant = new SoapVerificationRequest.Applicant();
        r.applicant.idNumber = idNumber;
        r.applicant.name = "张三";
        r.applicant.hukouDivision = hukouDivision;
        r.applicant.hukouNature = HukouNature.RURAL;
        r.residenceSince = LocalDate.of(2026, 1, 15);
        r.assistanceType = AssistanceType.DIBAO;
        r.declarationOfNonReceipt = true;
        return r;
    }

    static VerificationFault fault(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        VerificationFault fault = catchThrowableOfType(VerificationFault.class, call);
        assertThat(fault).as("a declared verificationFault").isNotNull();
        return fault;
    }

    @Test
    void aRequestIsAcceptedAndAnsweredWithTypedElementsAndItsApprovalFedBack() throws Exception {
        VerificationServicePort township = client("610113001");
        SoapVerification accepted = township.submitVerification(dibao("soap-1", "610104199001011234", "610104003"));
        assertThat(accepted.status).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(accepted.jurisdiction.name()).isEqualTo("CROSS_COUNTY");
        assertThat(accepted.category.name()).isEqualTo("RURAL_DIBAO");
        assertThat(accepted.route.partner).isEqualTo("xian-county-bureaus");
        assertThat(accepted.replayed).isFalse();
        SoapVerification again = township.submitVerification(dibao("soap-1", "610104199001011234", "610104003"));
        assertThat(again.verificationId).isEqualTo(accepted.verificationId);
        assertThat(again.replayed).isTrue();

        SoapVerification answered = await().atMost(Duration.ofSeconds(30))
                .until(() -> township.getVerification(accepted.verificationId),
                        v -> v.status == VerificationStatus.ANSWERED);
        assertThat(answered.result.outcome).isEqualTo(Outcome.NOT_RECEIVING);
        assertThat(answered.answeredAt).isNotNull();
        assertThat(answered.deadline.dueAt).isAfter(answered.createdAt);
        assertThat(answered.messages).extracting(m -> m.type)
                .contains(MessageType.VERIFICATION_REQUEST, MessageType.VERIFICATION_RESULT);
        assertThat(answered.messages).extracting(m -> m.direction)
                .contains(MessageRecord.Direction.OUT, MessageRecord.Direction.IN);

        SoapFollowUps.ApprovalDecision decision = new SoapFollowUps.ApprovalDecision();
        decision.decision = SoapEnums.Decision.APPROVED;
        decision.decidedOn = TODAY;
        decision.monthlyAmount = new BigDecimal("850");
        SoapFollowUps.Approval approval = township.submitApprovalDecision(accepted.verificationId, decision);
        assertThat(approval.decision.monthlyAmount).isEqualByComparingTo("850.00");
        assertThat(approval.decision.period).isEqualTo(SoapEnums.Period.MONTH);
        assertThat(approval.noticeMessageId).isNotBlank();
        assertThat(township.getVerification(accepted.verificationId).approval.noticeMessageId)
                .isEqualTo(approval.noticeMessageId);

        decision.decision = SoapEnums.Decision.REJECTED;
        decision.monthlyAmount = null;
        VerificationFault conflict = fault(() -> township.submitApprovalDecision(accepted.verificationId, decision));
        assertThat(conflict.getFaultInfo().code).isEqualTo(Code.REQUEST_ID_CONFLICT);
        assertThat(conflict.getFaultInfo().httpStatus).isEqualTo(409);
    }

    @Test
    void refusalsAreDeclaredFaultsWithTheRestCodes() {
        VerificationServicePort township = client("610113001");
        VerificationFault badId = fault(() -> township.submitVerification(
                dibao("soap-2", "610104199001011235", "610104003")));
        assertThat(badId.getFaultInfo().code).isEqualTo(Code.INVALID_ID_NUMBER);
        assertThat(badId.getFaultInfo().httpStatus).isEqualTo(422);
        assertThat(badId.getMessage()).startsWith("INVALID_ID_NUMBER: ");

        VerificationFault unknownDivision = fault(() -> township.submitVerification(
                dibao("soap-3", "610104199001011234", "619999999")));
        assertThat(unknownDivision.getFaultInfo().errors).extracting(e -> e.code).contains(Code.UNKNOWN_DIVISION);
        assertThat(unknownDivision.getFaultInfo().errors).extracting(e -> e.field).contains("applicant.hukouDivision");

        assertThat(fault(() -> client(null).submitVerification(dibao("soap-4", "610104199001011234", "610104003")))
                .getFaultInfo().code).isEqualTo(Code.UNAUTHENTICATED);
        assertThat(fault(() -> client("610113002").submitVerification(
                dibao("soap-5", "610104199001011234", "610104003"))).getFaultInfo().code).isEqualTo(Code.FORBIDDEN);
        assertThat(new OpsClient(port).get("/api/v1/ops/refusals?code=FORBIDDEN&channel=SOAP").body()
                .path("refusals").findValuesAsText("sender")).as("identity refusals are recorded as over REST")
                .contains("610113002");
        VerificationFault notFound = fault(() -> township.getVerification("nope"));
        assertThat(notFound.getFaultInfo().code).isEqualTo(Code.NOT_FOUND);
        assertThat(notFound.getFaultInfo().httpStatus).isEqualTo(404);
        assertThat(fault(() -> township.getResidenceChange("nope")).getFaultInfo().code).isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void thePolicyPreCheckClassifiesForAnyTownshipAndRefusesWithTheRuleCodes() throws Exception {
        SoapVerificationRequest guangzhou = dibao("soap-ev-1", "610104199001011234", "610104003");
        guangzhou.residenceTownship = "440106001";
        SoapVerification.PolicyEvaluation evaluation = client("440106001").evaluatePolicy(guangzhou);
        assertThat(evaluation.jurisdiction.name()).isEqualTo("CROSS_PROVINCE");
        assertThat(evaluation.servedHere).isFalse();
        SoapVerificationRequest tooShort = dibao("soap-ev-2", "610104199001011234", "610104003");
        tooShort.residenceSince = LocalDate.of(2026, 6, 15);
        assertThat(fault(() -> client("610113001").evaluatePolicy(tooShort)).getFaultInfo().errors)
                .extracting(e -> e.code).contains(Code.RESIDENCE_TOO_SHORT);
    }

    @Test
    void anEmergencyProceedsAtOnceAndItsBackfillCompletesIt() throws Exception {
        VerificationServicePort township = client("610113001");
        SoapVerificationRequest r = dibao("soap-em-1", "610104199001011234", "610104003");
        r.appliedOn = TODAY;
        r.residenceSince = null;
        r.assistanceType = AssistanceType.TEMPORARY;
        r.declarationOfNonReceipt = false;
        r.emergency = new SoapVerificationRequest.Emergency();
        r.emergency.kind = EmergencyKind.ACCIDENT;
        r.emergency.occurredOn = TODAY.minusDays(1);
        r.emergency.township = "610113001";
        r.emergency.description = "出租屋火灾";
        SoapVerification v = township.submitVerification(r);
        assertThat(v.status).isEqualTo(VerificationStatus.PROCEED_IMMEDIATELY);
        assertThat(open(township)).extracting(c -> c.verificationId).contains(v.verificationId);

        SoapFollowUps.Backfill backfill = new SoapFollowUps.Backfill();
        backfill.reason = "火灾后临时安置";
        backfill.amount = new BigDecimal("800.00");
        backfill.handlers = List.of("王五", "赵六");
        backfill.completedOn = TODAY;
        backfill.sealed = false;
        VerificationFault unsealed = fault(() -> township.submitEmergencyBackfill(v.verificationId, backfill));
        assertThat(unsealed.getFaultInfo().code).isEqualTo(Code.INVALID_FIELD);
        assertThat(unsealed.getFaultInfo().errors.get(0).field).isEqualTo("sealed");

        backfill.sealed = true;
        SoapFollowUps.EmergencyCase done = township.submitEmergencyBackfill(v.verificationId, backfill);
        assertThat(done.backfilled).isTrue();
        assertThat(done.kind).isEqualTo(EmergencyKind.ACCIDENT);
        assertThat(done.backfill.handlers).containsExactly("王五", "赵六");
        assertThat(done.backfill.amount).isEqualByComparingTo("800.00");
        assertThat(open(township)).extracting(c -> c.verificationId).doesNotContain(v.verificationId);
        assertThat(township.getVerification(v.verificationId).emergency.backfillDue).isEqualTo(done.backfillDue);
    }

    @Test
    void aResidenceChangeIsDecidedAndReadBack() throws Exception {
        VerificationServicePort township = client("610113001");
        SoapFollowUps.ResidenceChangeReport report = new SoapFollowUps.ResidenceChangeReport();
        report.requestId = "soap-rc-1";
        report.reportedOn = TODAY;
        report.managingTownship = "610113001";
        report.recipient = new SoapFollowUps.Recipient();
        report.recipient.idNumber = "510104199303030074";
        report.recipient.name = "赵六";
        report.recipient.hukouDivision = "510104022";
        report.assistanceType = AssistanceType.DIBAO;
        report.newResidenceDivision = "610104003";
        report.movedOn = TODAY.minusMonths(4);
        SoapFollowUps.ResidenceChange change = township.reportResidenceChange(report);
        assertThat(change.action).isEqualTo(ResidenceChangeDecision.Action.SUSPEND_PAYMENT);
        assertThat(change.decidedOn).isEqualTo(TODAY);
        assertThat(change.notice.type).isEqualTo(MessageType.PAYMENT_SUSPENSION_NOTICE);
        assertThat(change.recipientNotice).isEqualTo("/api/v1/residence-changes/" + change.changeId + "/notice");
        assertThat(change.replayed).isFalse();
        assertThat(township.reportResidenceChange(report).replayed).isTrue();
        assertThat(township.getResidenceChange(change.changeId).action)
                .isEqualTo(ResidenceChangeDecision.Action.SUSPEND_PAYMENT);

        report.movedOn = TODAY.minusMonths(5);
        assertThat(fault(() -> township.reportResidenceChange(report)).getFaultInfo().code)
                .isEqualTo(Code.REQUEST_ID_CONFLICT);
        assertThat(fault(() -> client("610113002").getResidenceChange(change.changeId)).getFaultInfo().code)
                .isEqualTo(Code.NOT_FOUND);
    }

    @Test
    void aRequestThatBreaksTheSchemaIsAClientFaultWithItsCode() throws Exception {
        String badDate = envelope("<v:submitVerification><v:request><v:requestId>soap-x1</v:requestId>"
                + "<v:appliedOn>2026-13-45</v:appliedOn><v:residenceTownship>610113001</v:residenceTownship>"
                + "<v:applicant><v:idNumber>610104199001011234</v:idNumber><v:name>张三</v:name></v:applicant>"
                + "<v:assistanceType>DIBAO</v:assistanceType></v:request></v:submitVerification>");
        String unknownKind = badDate.replace("2026-13-45", "2026-09-01").replace("DIBAO", "PENSION");
        for (String xml : List.of(badDate, unknownKind)) {
            HttpResponse<String> r = post(xml);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("<faultcode>soap:Client</faultcode>", "verificationFault",
                    "code>INVALID_FIELD</", "httpStatus>422</");
        }
        HttpResponse<String> unreadable = post(envelope("<v:submitVerification><v:request>"));
        assertThat(unreadable.body()).contains("verificationFault").containsAnyOf("code>MALFORMED_XML</",
                "code>INVALID_FIELD</");
    }

    @Test
    void theDocumentedExampleWorksAsWritten() throws Exception {
        String doc = Files.readString(Path.of("docs", "architecture.md"));
        int from = doc.indexOf("-d '<soap:Envelope", doc.indexOf("The tour's first request over SOAP"));
        assertThat(from).isPositive();
        String xml = doc.substring(from + 4, doc.indexOf("'\n", from + 4));
        HttpResponse<String> r = post(xml);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("status>ACCEPTED</", "partner>xian-county-bureaus</", "replayed>false</");
    }

    /** The open cases; JAX-WS gives {@code null} for a list answer without elements. */
    private static List<SoapFollowUps.EmergencyCase> open(VerificationServicePort township) throws VerificationFault {
        return Objects.requireNonNullElse(township.listOpenEmergencies(), List.of());
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:v=\""
                + VerificationServicePort.NAMESPACE + "\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    private HttpResponse<String> post(String xml) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(address()))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .header("X-Client-Org", "610113001")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
