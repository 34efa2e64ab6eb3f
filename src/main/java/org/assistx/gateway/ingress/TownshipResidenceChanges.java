package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import org.assistx.gateway.Code;
import org.assistx.gateway.followup.ResidenceChanges;
import org.assistx.gateway.policy.PolicyEngine;
import org.assistx.gateway.policy.ResidenceChangeParser;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A township's residence-change reports, the same on every channel (REST, SOAP): the township may only report
 * recipients it manages, a {@code requestId} sent again with the same body answers the first change
 * ({@code 200}) and with another body {@code 409 REQUEST_ID_CONFLICT}, the report is checked by the policy's
 * parser and decided by {@link ResidenceChanges}; another township's change is not found.
 */
@Component
public class TownshipResidenceChanges {

    /** A report's answer: {@code 202} for a new change, {@code 200} for the same report again. */
    public record Answer(HttpStatus status, ResidenceChanges.View change) {
    }

    private final ResidenceChangeParser parser;
    private final PolicyEngine policy;
    private final ResidenceChanges changes;

    public TownshipResidenceChanges(ResidenceChangeParser parser, PolicyEngine policy, ResidenceChanges changes) {
        this.parser = parser;
        this.policy = policy;
        this.changes = changes;
    }

    public Answer report(String org, JsonNode body) {
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
                return new Answer(HttpStatus.OK, changes.view(earlier.get()));
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
        return new Answer(HttpStatus.ACCEPTED, changes.view(stored));
    }

    /** The township's own change, else {@code 404 NOT_FOUND}. */
    public ResidenceChanges.Stored owned(String changeId, String org) {
        return changes.find(changeId).filter(s -> s.change().managingTownship().equals(org))
                .orElseThrow(() -> new IngressException(HttpStatus.NOT_FOUND, Code.NOT_FOUND, "changeId",
                        "没有该居住地变更。 / No such residence change."));
    }

    public ResidenceChanges.View find(String changeId, String org) {
        return changes.view(owned(changeId, org));
    }
}
