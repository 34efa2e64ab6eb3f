package org.assistx.gateway.ingress;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.assistx.gateway.Code;
import org.assistx.gateway.policy.PolicyProperties;
import org.assistx.gateway.division.DivisionRegistry;
import org.assistx.gateway.followup.ResidenceChanges;
import org.assistx.gateway.followup.SuspensionNotice;
import org.assistx.gateway.policy.ResidenceChangeDecision.Action;
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
    private final TownshipResidenceChanges changes;
    private final DivisionRegistry divisions;
    private final String planTitle;

    public ResidenceChangeController(ClientIdentityResolver identity, JsonBodyReader reader,
            TownshipResidenceChanges changes, DivisionRegistry divisions, PolicyProperties policyProperties) {
        this.identity = identity;
        this.reader = reader;
        this.changes = changes;
        this.divisions = divisions;
        this.planTitle = policyProperties.planTitle();
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ResidenceChanges.View> report(HttpServletRequest request) throws IOException {
        String org = identity.resolve(request);
        JsonNode body = reader.readObject(request.getInputStream(), request.getContentLengthLong());
        TownshipResidenceChanges.Answer answer = changes.report(org, body);
        return ResponseEntity.status(answer.status()).body(answer.change());
    }

    @GetMapping(path = PATH + "/{changeId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResidenceChanges.View get(@PathVariable String changeId, HttpServletRequest request) {
        return changes.find(changeId, identity.resolve(request));
    }

    /** The printable written notice of a payment suspension (R10), in Chinese. */
    @GetMapping(path = PATH + "/{changeId}/notice", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
    public String notice(@PathVariable String changeId, HttpServletRequest request) {
        ResidenceChanges.Stored s = changes.owned(changeId, identity.resolve(request));
        if (s.action() != Action.SUSPEND_PAYMENT) {
            throw new IngressException(HttpStatus.NOT_FOUND, Code.NOT_FOUND, "changeId",
                    "该变更无需书面告知。 / This change has no written notice.");
        }
        return SuspensionNotice.render(s, divisions, planTitle);
    }
}
