package org.assistx.gateway.ops;

import org.assistx.gateway.ingress.IngressException;
import org.assistx.gateway.tracking.MessageRepository;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations API: stored envelopes, returned byte for byte as they were signed and sent or received. */
@RestController
@RequestMapping("/api/v1/ops/messages")
public class OpsMessageController {

    private final MessageRepository messages;

    public OpsMessageController(MessageRepository messages) {
        this.messages = messages;
    }

    @GetMapping("/{messageId}")
    public ResponseEntity<String> envelope(@PathVariable String messageId) {
        return messages.find(messageId)
                .map(m -> ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                        .header("X-Message-Direction", m.direction().name())
                        .header("X-Message-Type", m.type())
                        .body(m.envelope()))
                .orElseThrow(() -> new IngressException(HttpStatus.NOT_FOUND, "NOT_FOUND", "messageId",
                        "没有该报文。 / No such message."));
    }
}
