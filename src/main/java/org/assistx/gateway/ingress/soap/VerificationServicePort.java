package org.assistx.gateway.ingress.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.bind.annotation.XmlElement;
import java.util.List;

/**
 * The verification service for township systems that only speak SOAP (document/literal wrapped): the
 * operations REST offers a township, with the same fields, the same checks (the same services behind) and
 * the same codes, every refusal a declared {@link VerificationFault}. WSDL:
 * {@code /services/verifications?wsdl}, kept equal to {@code docs/wsdl/verification-service.wsdl} by a test
 * (code first).
 */
@WebService(name = "VerificationService", targetNamespace = VerificationServicePort.NAMESPACE)
public interface VerificationServicePort {

    /** Version 2: typed elements and declared faults (version 1 answered strings and JSON text). */
    String NAMESPACE = "urn:assistx:verification:v2";

    /** {@code POST /api/v1/verifications}. */
    @WebMethod(operationName = "submitVerification")
    @WebResult(name = "verification", targetNamespace = NAMESPACE)
    @XmlElement(required = true)
    SoapVerification submitVerification(
            @WebParam(name = "request", targetNamespace = NAMESPACE) @XmlElement(required = true)
            SoapVerificationRequest request) throws VerificationFault;

    /** {@code GET /api/v1/verifications/{verificationId}}. */
    @WebMethod(operationName = "getVerification")
    @WebResult(name = "verification", targetNamespace = NAMESPACE)
    @XmlElement(required = true)
    SoapVerification getVerification(
            @WebParam(name = "verificationId", targetNamespace = NAMESPACE) @XmlElement(required = true)
            String verificationId) throws VerificationFault;

    /** {@code POST /api/v1/policy/evaluate}: the pre-check, for any township; nothing stored or sent. */
    @WebMethod(operationName = "evaluatePolicy")
    @WebResult(name = "evaluation", targetNamespace = NAMESPACE)
    @XmlElement(required = true)
    SoapVerification.PolicyEvaluation evaluatePolicy(
            @WebParam(name = "request", targetNamespace = NAMESPACE) @XmlElement(required = true)
            SoapVerificationRequest request) throws VerificationFault;

    /** {@code POST /api/v1/verifications/{verificationId}/approval} (R6). */
    @WebMethod(operationName = "submitApprovalDecision")
    @WebResult(name = "approval", targetNamespace = NAMESPACE)
    @XmlElement(required = true)
    SoapFollowUps.Approval submitApprovalDecision(
            @WebParam(name = "verificationId", targetNamespace = NAMESPACE) @XmlElement(required = true)
            String verificationId,
            @WebParam(name = "decision", targetNamespace = NAMESPACE) @XmlElement(required = true)
            SoapFollowUps.ApprovalDecision decision) throws VerificationFault;

    /** {@code POST /api/v1/verifications/{verificationId}/emergency-backfill} (R4). */
    @WebMethod(operationName = "submitEmergencyBackfill")
    @WebResult(name = "emergencyCase", targetNamespace = NAMESPACE)
    @XmlElement(required = true)
    SoapFollowUps.EmergencyCase submitEmergencyBackfill(
            @WebParam(name = "verificationId", targetNamespace = NAMESPACE) @XmlElement(required = true)
            String verificationId,
            @WebParam(name = "backfill", targetNamespace = NAMESPACE) @XmlElement(required = true)
            SoapFollowUps.Backfill backfill) throws VerificationFault;

    /** {@code GET /api/v1/emergencies/open} (R4). */
    @WebMethod(operationName = "listOpenEmergencies")
    @WebResult(name = "emergencyCase", targetNamespace = NAMESPACE)
    List<SoapFollowUps.EmergencyCase> listOpenEmergencies() throws VerificationFault;

    /** {@code POST /api/v1/residence-changes} (R9–R11). */
    @WebMethod(operationName = "reportResidenceChange")
    @WebResult(name = "residenceChange", targetNamespace = NAMESPACE)
    @XmlElement(required = true)
    SoapFollowUps.ResidenceChange reportResidenceChange(
            @WebParam(name = "report", targetNamespace = NAMESPACE) @XmlElement(required = true)
            SoapFollowUps.ResidenceChangeReport report) throws VerificationFault;

    /** {@code GET /api/v1/residence-changes/{changeId}}. */
    @WebMethod(operationName = "getResidenceChange")
    @WebResult(name = "residenceChange", targetNamespace = NAMESPACE)
    @XmlElement(required = true)
    SoapFollowUps.ResidenceChange getResidenceChange(
            @WebParam(name = "changeId", targetNamespace = NAMESPACE) @XmlElement(required = true)
            String changeId) throws VerificationFault;
}
