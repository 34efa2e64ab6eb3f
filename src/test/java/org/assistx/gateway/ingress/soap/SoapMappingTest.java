package org.assistx.gateway.ingress.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.assistx.gateway.Code;
import org.assistx.gateway.envelope.MessageType;
import org.assistx.gateway.followup.ApprovalFeedback;
import org.assistx.gateway.followup.EmergencyCases;
import org.assistx.gateway.followup.ResidenceChanges;
import org.assistx.gateway.ingress.ApiError;
import org.assistx.gateway.mapping.Outcome;
import org.assistx.gateway.policy.EmergencyKind;
import org.assistx.gateway.policy.ResidenceChangeDecision;
import org.assistx.gateway.tracking.MessageRecord;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The typed SOAP elements and the REST commands and views they stand for, both ways. */
class SoapMappingTest {

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
    private final SoapMapping mapping = new SoapMapping(json);

    private JsonNode read(String text) throws Exception {
        return json.readTree(text);
    }

    @Test
    void aSoapRequestIsTheRestBodyFieldForField() throws Exception {
        JsonNode rest = read("""
            {"requestId": "r-1", "appliedOn": "2026-09-01", "residenceTownship": "610113001",
             "applicant": {"idNumber": "610104199001011234", "name": "张三", "hukouDivision": "610104003", "hukouNature": "RURAL"},
             "residenceSince": "2026-01-15", "assistanceType": "TEMPORARY", "declarationOfNonReceipt": false,
             "emergency": {"kind": "COUNTY_DEFINED", "occurredOn": "2026-08-31", "township": "610113001",
                           "description": "出租屋火灾", "countyKind": "山洪"},
             "proofOfNonReceipt": {"documentNumber": "P-1", "issuerDivision": "440305", "issuedOn": "2026-08-20",
                                   "validUntil": "2026-11-20", "signedDocument": "AAEC"},
             "callbackUrl": "https://township.example/cb"}
            """);
        SoapVerificationRequest soap = json.treeToValue(rest, SoapVerificationRequest.class);
        assertThat(soap.appliedOn).isEqualTo(LocalDate.of(2026, 9, 1));
        assertThat(soap.emergency.kind).isEqualTo(EmergencyKind.COUNTY_DEFINED);
        assertThat(soap.proofOfNonReceipt.signedDocument).containsExactly(0, 1, 2);
        assertThat(mapping.command(soap)).isEqualTo(rest);
    }

    @Test
    void absentElementsAreAbsentFieldsSoTheServiceRefusesThemWithItsOwnCodes() {
        SoapVerificationRequest soap = new SoapVerificationRequest();
        soap.requestId = "r-2";
        soap.applicant = new SoapVerificationRequest.Applicant();
        soap.applicant.idNumber = "610104199001011234";
        ObjectNode command = mapping.command(soap);
        assertThat(command.toString()).isEqualTo("{\"requestId\":\"r-2\",\"applicant\":{\"idNumber\":\"610104199001011234\"}}");
        assertThat(mapping.command(null)).isEmpty();
    }

    @Test
    void followUpCommandsCarryAmountsAsDecimalTextAndDatesAsDays() {
        SoapFollowUps.ApprovalDecision decision = new SoapFollowUps.ApprovalDecision();
        decision.decision = SoapEnums.Decision.APPROVED;
        decision.decidedOn = LocalDate.of(2026, 9, 10);
        decision.monthlyAmount = new BigDecimal("850.00");
        assertThat(mapping.command(decision).toString())
                .isEqualTo("{\"decision\":\"APPROVED\",\"decidedOn\":\"2026-09-10\",\"monthlyAmount\":\"850.00\"}");

        SoapFollowUps.Backfill backfill = new SoapFollowUps.Backfill();
        backfill.reason = "火灾";
        backfill.amount = new BigDecimal("800.5");
        backfill.handlers = List.of("王五");
        backfill.completedOn = LocalDate.of(2026, 9, 2);
        backfill.sealed = true;
        assertThat(mapping.command(backfill).toString()).isEqualTo("{\"reason\":\"火灾\",\"amount\":\"800.5\","
                + "\"handlers\":[\"王五\"],\"completedOn\":\"2026-09-02\",\"sealed\":true}");

        SoapFollowUps.ResidenceChangeReport report = new SoapFollowUps.ResidenceChangeReport();
        report.requestId = "rc";
        report.movedOn = LocalDate.of(2026, 5, 1);
        report.recipient = new SoapFollowUps.Recipient();
        report.recipient.name = "赵六";
        assertThat(mapping.command(report).toString())
                .isEqualTo("{\"requestId\":\"rc\",\"recipient\":{\"name\":\"赵六\"},\"movedOn\":\"2026-05-01\"}");
    }

    @Test
    void theRestViewOfAnAnsweredVerificationBecomesTypedElements() throws Exception {
        JsonNode view = read("""
            {"verificationId": "v-1", "requestId": "r-1", "status": "ANSWERED", "jurisdiction": "CROSS_PROVINCE",
             "category": "URBAN_DIBAO", "route": {"partner": "guangdong-44", "recipient": "44"},
             "residenceTownship": "610113001", "applicant": "6101**********1234", "createdAt": "2026-09-01T01:00:00Z",
             "updatedAt": "2026-09-01T01:00:02.5Z", "answeredAt": "2026-09-01T01:00:02.5Z",
             "deadline": {"workingDays": 5, "dueAt": "2026-09-08T10:00:00Z", "overdue": false},
             "messages": [{"messageId": "m-1", "type": "PROOF_REQUEST", "direction": "OUT", "partner": "guangdong-44",
                           "status": "DELIVERED", "attempts": 1, "createdAt": "2026-09-01T01:00:00Z",
                           "updatedAt": "2026-09-01T01:00:01Z"}],
             "result": {"outcome": "RECEIVING",
                        "records": [{"personIdNumber": "440106198807150029", "personName": "陈小梅", "division": "440106",
                                     "assistanceType": "DIBAO", "category": "URBAN_DIBAO", "status": "ACTIVE",
                                     "startDate": "2025-01-01", "endDate": null,
                                     "amount": {"value": "1120.00", "currency": "CNY", "period": "MONTH"},
                                     "sourceSystem": "gd-mz", "sourceRecordId": null}],
                        "proof": null},
             "emergency": {"verificationId": "v-1", "kind": "ACCIDENT", "occurredOn": "2026-08-31",
                           "backfillDue": "2026-09-10", "backfilled": false, "overdue": true},
             "approval": {"decision": {"decision": "APPROVED", "decidedOn": "2026-09-10", "monthlyAmount": "850.00",
                                       "period": "MONTH"}, "noticeMessageId": "m-2"}}
            """);
        SoapVerification v = mapping.view(view, SoapVerification.class);
        assertThat(v.updatedAt).isEqualTo(Instant.parse("2026-09-01T01:00:02.500Z"));
        assertThat(v.deadline.workingDays).isEqualTo(5);
        assertThat(v.messages.get(0).type).isEqualTo(MessageType.PROOF_REQUEST);
        assertThat(v.messages.get(0).status).isEqualTo(MessageRecord.MessageStatus.DELIVERED);
        assertThat(v.result.outcome).isEqualTo(Outcome.RECEIVING);
        SoapVerification.AssistanceRecord record = v.result.records.get(0);
        assertThat(record.status).isEqualTo(SoapEnums.RecordStatus.ACTIVE);
        assertThat(record.startDate).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(record.amount.value).isEqualByComparingTo("1120.00");
        assertThat(record.amount.period).isEqualTo(SoapEnums.Period.MONTH);
        assertThat(v.emergency.overdue).isTrue();
        assertThat(v.approval.decision.monthlyAmount).isEqualByComparingTo("850.00");
        assertThat(v.replayed).isNull();
    }

    @Test
    void theTypedFollowUpResultsMapToTheirElements() {
        EmergencyCases.Case c = new EmergencyCases.Case("v-1", EmergencyKind.OTHER_STRANDED, LocalDate.of(2026, 9, 1),
                LocalDate.of(2026, 9, 11), true, false, new EmergencyCases.Backfill(List.of("王五", "赵六"), "滞留",
                        "300.00", LocalDate.of(2026, 9, 3), true));
        SoapFollowUps.EmergencyCase soap = mapping.view(c, SoapFollowUps.EmergencyCase.class);
        assertThat(soap.backfillDue).isEqualTo(LocalDate.of(2026, 9, 11));
        assertThat(soap.backfill.handlers).containsExactly("王五", "赵六");
        assertThat(soap.backfill.amount).isEqualByComparingTo("300.00");

        ApprovalFeedback.Approval a = new ApprovalFeedback.Approval(new ApprovalFeedback.Decision("APPROVED",
                LocalDate.of(2026, 9, 10), null, "1500.00", "ONCE", "一次性"), "m-9");
        SoapFollowUps.Approval approval = mapping.view(a, SoapFollowUps.Approval.class);
        assertThat(approval.decision.decision).isEqualTo(SoapEnums.Decision.APPROVED);
        assertThat(approval.decision.amount).isEqualByComparingTo("1500.00");
        assertThat(approval.decision.monthlyAmount).isNull();
        assertThat(approval.decision.period).isEqualTo(SoapEnums.Period.ONCE);

        ResidenceChanges.View view = new ResidenceChanges.View("c-1", "rc-1",
                ResidenceChangeDecision.Action.SUSPEND_PAYMENT, "离开本县", null, LocalDate.of(2026, 9, 1), "m-3",
                new ResidenceChanges.Notice("m-3", "PAYMENT_SUSPENSION_NOTICE", MessageRecord.MessageStatus.PENDING, 0),
                "/api/v1/residence-changes/c-1/notice");
        SoapFollowUps.ResidenceChange change = mapping.view(view, SoapFollowUps.ResidenceChange.class);
        assertThat(change.action).isEqualTo(ResidenceChangeDecision.Action.SUSPEND_PAYMENT);
        assertThat(change.notice.type).isEqualTo(MessageType.PAYMENT_SUSPENSION_NOTICE);
        assertThat(change.recheckOn).isNull();
        assertThat(change.decidedOn).isEqualTo(LocalDate.of(2026, 9, 1));
    }

    @Test
    void aViewFieldTheSoapTypeLacksIsAnErrorNotDropped() throws Exception {
        assertThatThrownBy(() -> mapping.view(read("{\"changeId\": \"c\", \"action\": \"REVIEW\", \"surprise\": 1}"),
                SoapFollowUps.ResidenceChange.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("surprise");
    }

    @Test
    void restErrorAnswersBecomeTheFaultWithTheSameCodes() {
        VerificationFault one = SoapMapping.fault(ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(ApiError.of(Code.NOT_FOUND, "verificationId", "没有找到该核查。 / No such verification.")));
        assertThat(one.getFaultInfo().code).isEqualTo(Code.NOT_FOUND);
        assertThat(one.getFaultInfo().httpStatus).isEqualTo(404);
        assertThat(one.getFaultInfo().errors.get(0).field).isEqualTo("verificationId");
        assertThat(one.getMessage()).isEqualTo("NOT_FOUND: 没有找到该核查。 / No such verification.");

        VerificationFault several = SoapMapping.fault(ResponseEntity.unprocessableEntity().body(new ApiError(List.of(
                new ApiError.Item("UNKNOWN_DIVISION", "residenceTownship", "a"),
                new ApiError.Item("INVALID_ID_NUMBER", "applicant.idNumber", "b")))));
        assertThat(several.getFaultInfo().code).isEqualTo(Code.POLICY_REFUSED);
        assertThat(several.getFaultInfo().errors).extracting(e -> e.code)
                .containsExactly(Code.UNKNOWN_DIVISION, Code.INVALID_ID_NUMBER);

        VerificationFault limited = SoapMapping.fault(ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, "3").body(ApiError.of(Code.RATE_LIMITED, null, "slow down")));
        assertThat(limited.getFaultInfo().retryAfterSeconds).isEqualTo(3L);
        assertThat(limited.getFaultInfo().code.soapFault()).isEqualTo("Client");
    }
}
