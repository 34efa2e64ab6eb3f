package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.assistx.gateway.Code;
import org.assistx.gateway.policy.PolicyProperties;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.followup.ResidenceChanges;
import org.assistx.gateway.followup.SuspensionNotice;
import org.assistx.gateway.policy.PolicyEngine;
import org.assistx.gateway.policy.ResidenceChangeDecision.Action;
import org.assistx.gateway.policy.ResidenceChangeParser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/residence-changes}: daily management of recipients who moved (R9–R11, DESIGN §4). */
@RestController
public class ResidenceChangeController {

    private static final String PATH = "/api/v1/residence-changes";

    private final ClientIdentityResolver identity;
    private final JsonBodyReader reader;
    private final ResidenceChangeParser parser;
    private final PolicyEngine policy;
    private final ResidenceChanges changes;
    private final DivisionRegistry divisions;
    private final String planTitle;

    public ResidenceChangeController(ClientIdentityResolver identity, JsonBodyReader reader,
            ResidenceChangeParser parser, PolicyEngine policy, ResidenceChanges changes, DivisionRegistry divisions,
            PolicyProperties policyProperties) {
        this.identity = identity;
        this.reader = reader;
        this.parser = parser;
        this.policy = policy;
        this.changes = changes;
        this.divisions = divisions;
        this.planTitle = policyProperties.planTitle();
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ObjectNode> report(HttpServletRequest request) throws IOException {
        String org = identity.resolve(request);
        JsonNode body = reader.readObject(request.getInputStream(), request.getContentLengthLong());
        JsonNode township = body.get("managingTownship");
        if (township != null && township.isTextual() && !township.asText().equals(org)) {
            throw new IngressException(HttpStatus.FORBIDDEN, Code.FORBIDDEN, "managingTownship",
                    "只能报告本镇（街道）管理的救助对象。 / An organisation may only report recipients it manages.");
        }
        String digest = IngressService.digest(body);
        JsonNode requestId = body.get("requestId");
        if (requestId != null && requestId.isTextual()) {
            Optional<ResidenceChanges.Stored> earlier = changes.findByRequest(org, requestId.asText());
            if (earlier.isPresent()) {
                if (!earlier.get().requestDigest().equals(digest)) {
                    throw new IngressException(HttpStatus.CONFLICT, Code.REQUEST_ID_CONFLICT, "requestId",
                            "该编号已用于另一份不同的报告。 / This requestId was already used for a different report.");
                }
                return ResponseEntity.ok(changes.view(earlier.get()));
            }
        }
        ResidenceChangeParser.ParseResult parsed = parser.parse(body);
        if (!parsed.ok()) {
            throw new IngressService.PolicyRefusal(parsed.errors());
        }
        if (!policy.inServedArea(parsed.change().managingTownship())) {
            throw new IngressException(HttpStatus.FORBIDDEN, Code.FORBIDDEN, "managingTownship",
                    "该镇（街道）不在本网关的服务区域内。 / This township is outside the area this gateway serves.");
        }
        ResidenceChanges.Stored stored = changes.report(org, parsed.change(), digest);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(changes.view(stored));
    }

    @GetMapping(path = PATH + "/{changeId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ObjectNode get(@PathVariable String changeId, HttpServletRequest request) {
        return changes.view(owned(changeId, identity.resolve(request)));
    }

    /** The printable written notice of a payment suspension (R10), in Chinese. */
    @GetMapping(path = PATH + "/{changeId}/notice", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    public String notice(@PathVariable String changeId, HttpServletRequest request) {
        ResidenceChanges.Stored s = owned(changeId, identity.resolve(request));
        if (s.action() != Action.SUSPEND_PAYMENT) {
            throw new IngressException(HttpStatus.NOT_FOUND, Code.NOT_FOUND, "changeId",
                    "该变更无需书面告知。 / This change has no written notice.");
        }
        return SuspensionNotice.render(s, divisions, planTitle);
    }

    private ResidenceChanges.Stored owned(String changeId, String org) {
        return changes.find(changeId).filter(s -> s.change().managingTownship().equals(org))
                .orElseThrow(() -> new IngressException(HttpStatus.NOT_FOUND, Code.NOT_FOUND, "changeId",
                        "没有该居住地变更。 / No such residence change."));
    }
}
