package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.audit.Masking;
import org.assistx.gateway.crypto.CryptoException;
import org.assistx.gateway.crypto.Jcs;
import org.assistx.gateway.delivery.DispatchQueue;
import org.assistx.gateway.followup.EmergencyCases;
import org.assistx.gateway.policy.PolicyDecision;
import org.assistx.gateway.policy.PolicyEngine;
import org.assistx.gateway.policy.VerificationRequest;
import org.assistx.gateway.policy.VerificationRequestParser;
import org.assistx.gateway.tracking.VerificationRecord;
import org.assistx.gateway.tracking.VerificationRepository;
import org.assistx.gateway.tracking.VerificationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts verification requests: identity and area checks, idempotency by {@code requestId}, the policy,
 * then a durable insert; only after the commit is the request queued for dispatch (a sweep re-queues
 * anything a crash left behind), so a 2xx answer always means the request is stored.
 */
@Service
public class IngressService {

    private static final Logger log = LoggerFactory.getLogger(IngressService.class);

    /** An accepted or replayed answer: the HTTP status and the JSON body. */
    public record Answer(HttpStatus status, JsonNode body) {
    }

    private final VerificationRequestParser parser;
    private final PolicyEngine policy;
    private final VerificationRepository verifications;
    private final VerificationView views;
    private final DispatchQueue dispatch;
    private final EmergencyCases emergencies;
    private final StatusSubscriptions subscriptions;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CallbackDestinations callbackDestinations;

    public IngressService(VerificationRequestParser parser, PolicyEngine policy, VerificationRepository verifications,
            VerificationView views, DispatchQueue dispatch, EmergencyCases emergencies,
            StatusSubscriptions subscriptions, TransactionTemplate tx, Clock clock,
            CallbackDestinations callbackDestinations) {
        this.parser = parser;
        this.policy = policy;
        this.verifications = verifications;
        this.views = views;
        this.dispatch = dispatch;
        this.emergencies = emergencies;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.clock = clock;
        this.callbackDestinations = callbackDestinations;
    }

    public Answer submit(String clientOrg, JsonNode body) {
        JsonNode township = body.get("residenceTownship");
        if (township != null && township.isTextual() && !township.asText().equals(clientOrg)) {
            throw new IngressException(HttpStatus.FORBIDDEN, Code.FORBIDDEN, "residenceTownship",
                    "本机构只能为本镇（街道）的居民提出申请。 / An organisation may only apply for residents of its own township.");
        }
        String digest = digest(body);
        JsonNode requestId = body.get("requestId");
        if (requestId != null && requestId.isTextual()) {
            Optional<Answer> replay = replay(clientOrg, requestId.asText(), digest);
            if (replay.isPresent()) {
                return replay.get();
            }
        }
        VerificationRequestParser.ParseResult parsed = parser.parse(body);
        if (!parsed.ok()) {
            throw new PolicyRefusal(parsed.errors());
        }
        VerificationRequest request = parsed.request();
        if (request.callbackUrl() != null) {
            callbackDestinations.requireAllowed(clientOrg, request.callbackUrl());
        }
        if (!policy.inServedArea(request.residenceTownship())) {
            throw new IngressException(HttpStatus.FORBIDDEN, Code.FORBIDDEN, "residenceTownship",
                    "该镇（街道）不在本网关的服务区域内。 / This township is outside the area this gateway serves.");
        }
        PolicyDecision decision = policy.evaluate(request);
        if (!decision.accepted()) {
            throw new PolicyRefusal(decision.errors());
        }
        VerificationRecord record = newRecord(clientOrg, request, decision, digest, body);
        try {
            tx.executeWithoutResult(status -> {
                verifications.insert(record);
                if (decision.proceedImmediately()) {
                    emergencies.open(record, request, decision);
                }
                if (request.callbackUrl() != null) {
                    subscriptions.subscribeCallback(record.verificationId(), request.callbackUrl());
                }
            });
        } catch (DuplicateKeyException race) {
            return replay(clientOrg, request.requestId(), digest).orElseThrow(() -> race);
        }
        log.info("Accepted verification {} from {} for {} ({}, {})", record.verificationId(), clientOrg,
                Masking.idNumber(request.applicant().idNumber()), decision.jurisdiction(), decision.category());
        if (record.status() == VerificationStatus.ACCEPTED) {
            dispatch.enqueue(record.verificationId());
        }
        return new Answer(HttpStatus.ACCEPTED, views.summary(record));
    }

    private Optional<Answer> replay(String clientOrg, String requestId, String digest) {
        return verifications.findByRequest(clientOrg, requestId).map(existing -> {
            if (!existing.requestDigest().equals(digest)) {
                throw new IngressException(HttpStatus.CONFLICT, Code.REQUEST_ID_CONFLICT, "requestId",
                        "该申请编号已用于另一份不同的申请。 / This requestId was already used for a different request.");
            }
            return new Answer(HttpStatus.OK, views.summary(existing));
        });
    }

    private VerificationRecord newRecord(String clientOrg, VerificationRequest r, PolicyDecision d, String digest,
            JsonNode body) {
        Instant now = clock.instant();
        VerificationStatus status;
        String resultJson = null;
        String outcome = null;
        if (d.proceedImmediately()) {
            status = VerificationStatus.PROCEED_IMMEDIATELY;
        } else if (d.route() == null && r.proofOfNonReceipt() != null) {
            // R8 with an attached, checked proof (and no partner asked): the proof is the answer, at once.
            status = VerificationStatus.ANSWERED;
            outcome = "NOT_RECEIVING";
            resultJson = views.proofResult(r);
        } else if (d.route() == null) {
            throw new GatewayException(Code.NO_ROUTE, "no partner can check this hukou place; see the route note: "
                    + d.routeNote());
        } else {
            status = VerificationStatus.ACCEPTED;
        }
        return new VerificationRecord(UUID.randomUUID().toString(), clientOrg, r.requestId(), digest,
                body.toString(), status, d.routeNote(), d.jurisdiction().name(), d.category().name(),
                d.route() == null ? null : d.route().partner(), d.route() == null ? null : d.route().recipient(),
                r.residenceTownship(), Masking.idNumber(r.applicant().idNumber()), outcome, resultJson, now, now,
                null, status == VerificationStatus.ANSWERED ? now : null);
    }

    /**
     * The SHA-256 of the body's RFC 8785 form, which recognises the same request sent again. A body that is
     * JSON but has no canonical form (a number beyond what JSON numbers carry exactly, or a lone surrogate)
     * is refused as {@code MALFORMED_JSON}: no field of the contract can hold such a value anyway.
     */
    static String digest(JsonNode body) {
        byte[] canonical;
        try {
            canonical = Jcs.canonicalize(body);
        } catch (CryptoException e) {
            throw new IngressException(HttpStatus.BAD_REQUEST, Code.MALFORMED_JSON, null,
                    "请求体含有无法规范表示的值（超出范围的数字或孤立的代理字符）。 / The body holds a value with no "
                            + "canonical JSON form (a number out of range, or a lone surrogate).");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException e) {
            throw new GatewayException(Code.INTERNAL, "SHA-256 is not available", e);
        }
    }

    /** The request breaks a rule: 422 with the fixed codes. */
    public static class PolicyRefusal extends GatewayException {
        private final transient List<org.assistx.gateway.policy.PolicyError> errors;

        public PolicyRefusal(List<org.assistx.gateway.policy.PolicyError> errors) {
            super(Code.POLICY_REFUSED, errors.size() + " rule(s) refuse the request");
            this.errors = List.copyOf(errors);
        }

        public List<org.assistx.gateway.policy.PolicyError> errors() {
            return errors;
        }
    }
}
