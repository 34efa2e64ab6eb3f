package org.assistx.gateway.ingress.soap;

import jakarta.annotation.Resource;
import jakarta.jws.WebService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.handler.MessageContext;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.assistx.gateway.followup.ApprovalFeedback;
import org.assistx.gateway.followup.EmergencyCases;
import org.assistx.gateway.ingress.ApiExceptionHandler;
import org.assistx.gateway.ingress.ClientIdentityResolver;
import org.assistx.gateway.ingress.IngressService;
import org.assistx.gateway.ingress.PolicyEvaluations;
import org.assistx.gateway.ingress.TownshipResidenceChanges;
import org.assistx.gateway.ingress.TownshipVerifications;
import org.assistx.gateway.tracking.InboundRefusals;
import org.springframework.http.HttpStatus;

/**
 * SOAP ingress (served at {@code /services/verifications}): identity as for REST (mTLS, or the demo header;
 * the same rate limit), each operation the REST one's service with the typed request mapped to the REST
 * command and the REST view mapped back ({@link SoapMapping}); every refusal the REST answer's codes in a
 * declared {@link VerificationFault}, refusals of identity recorded on channel {@code SOAP}.
 */
@WebService(serviceName = "VerificationService", portName = "VerificationServicePort",
        endpointInterface = "org.assistx.gateway.ingress.soap.VerificationServicePort",
        targetNamespace = VerificationServicePort.NAMESPACE)
public class SoapVerificationService implements VerificationServicePort {

    @Resource
    private WebServiceContext context;

    /** The services REST calls for a township. */
    public record Services(ClientIdentityResolver identity, IngressService ingress,
            TownshipVerifications verifications, ApprovalFeedback approvals, EmergencyCases emergencies,
            TownshipResidenceChanges residenceChanges, PolicyEvaluations evaluations, ApiExceptionHandler errors) {
    }

    private final Services services;
    private final SoapMapping mapping;

    public SoapVerificationService(Services services, SoapMapping mapping) {
        this.services = services;
        this.mapping = mapping;
    }

    @Override
    public SoapVerification submitVerification(SoapVerificationRequest request) throws VerificationFault {
        return call("submitVerification", org -> {
            IngressService.Answer answer = services.ingress().submit(org, mapping.command(request));
            SoapVerification v = mapping.view(answer.body(), SoapVerification.class);
            v.replayed = answer.status() == HttpStatus.OK;
            return v;
        });
    }

    @Override
    public SoapVerification getVerification(String verificationId) throws VerificationFault {
        return call("getVerification", org -> mapping.view(services.verifications()
                .find(Objects.requireNonNullElse(verificationId, ""), org)
                .orElseThrow(TownshipVerifications::notFound), SoapVerification.class));
    }

    @Override
    public SoapVerification.PolicyEvaluation evaluatePolicy(SoapVerificationRequest request) throws VerificationFault {
        return call("evaluatePolicy", org -> mapping.view(services.evaluations().evaluate(mapping.command(request)),
                SoapVerification.PolicyEvaluation.class));
    }

    @Override
    public SoapFollowUps.Approval submitApprovalDecision(String verificationId, SoapFollowUps.ApprovalDecision decision)
            throws VerificationFault {
        return call("submitApprovalDecision", org -> mapping.view(services.approvals().decide(
                Objects.requireNonNullElse(verificationId, ""), org, mapping.command(decision)),
                SoapFollowUps.Approval.class));
    }

    @Override
    public SoapFollowUps.EmergencyCase submitEmergencyBackfill(String verificationId, SoapFollowUps.Backfill backfill)
            throws VerificationFault {
        return call("submitEmergencyBackfill", org -> mapping.view(services.emergencies().backfill(
                Objects.requireNonNullElse(verificationId, ""), org, mapping.command(backfill)),
                SoapFollowUps.EmergencyCase.class));
    }

    @Override
    public List<SoapFollowUps.EmergencyCase> listOpenEmergencies() throws VerificationFault {
        return call("listOpenEmergencies", org -> services.emergencies().open(org).stream()
                .map(c -> mapping.view(c, SoapFollowUps.EmergencyCase.class)).toList());
    }

    @Override
    public SoapFollowUps.ResidenceChange reportResidenceChange(SoapFollowUps.ResidenceChangeReport report)
            throws VerificationFault {
        return call("reportResidenceChange", org -> {
            TownshipResidenceChanges.Answer answer = services.residenceChanges().report(org, mapping.command(report));
            SoapFollowUps.ResidenceChange change = mapping.view(answer.change(), SoapFollowUps.ResidenceChange.class);
            change.replayed = answer.status() == HttpStatus.OK;
            return change;
        });
    }

    @Override
    public SoapFollowUps.ResidenceChange getResidenceChange(String changeId) throws VerificationFault {
        return call("getResidenceChange", org -> mapping.view(services.residenceChanges()
                .find(Objects.requireNonNullElse(changeId, ""), org), SoapFollowUps.ResidenceChange.class));
    }

    /** Identifies the caller, runs {@code action} for its organisation, and turns any refusal into the fault. */
    private <T> T call(String operation, Function<String, T> action) throws VerificationFault {
        HttpServletRequest http = (HttpServletRequest) context.getMessageContext().get(MessageContext.SERVLET_REQUEST);
        try {
            return action.apply(services.identity().resolve(http));
        } catch (RuntimeException e) {
            throw SoapMapping.fault(services.errors().answer(e, InboundRefusals.Channel.SOAP,
                    ClientIdentityResolver.callerOf(http), http.getRemoteAddr(), "SOAP " + operation));
        }
    }
}
