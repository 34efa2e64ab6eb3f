package org.assistx.gateway.simulator;

import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST/JSON provincial partners (e.g. {@code guangdong-44}) as HTTP services of this process:
 * {@code POST /simulator/partners/<partner-id>} with a signed JSON envelope answers {@code 200} with the
 * partner's signed reply envelope, or {@code 400} with {@code {"code", "message"}} when it refuses the
 * request (bad envelope, signature or chain; a type it does not answer). Registered only when the
 * simulators are on (default configuration). Injected faults ({@link SimulatorFaults}) answer {@code 503}
 * (down, lost answer) or {@code 500}.
 */
@RestController
@ConditionalOnProperty(name = "assistx.simulators.enabled", havingValue = "true")
public class RestPartnerSimulator {

    private static final Logger log = LoggerFactory.getLogger(RestPartnerSimulator.class);

    private final ProvincialSimulators simulators;
    private final SimulatorFaults faults;

    public RestPartnerSimulator(ProvincialSimulators simulators, SimulatorFaults faults) {
        this.simulators = simulators;
        this.faults = faults;
    }

    @PostMapping(path = "/simulator/partners/{partnerId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> exchange(@PathVariable String partnerId, @RequestBody String envelope) {
        ProvincialSimulator simulator;
        try {
            simulator = simulators.find(partnerId).orElse(null);
        } catch (GatewayException e) {
            log.warn("Simulator of {} is not usable: {}", partnerId, e.getMessage());
            return error(HttpStatus.SERVICE_UNAVAILABLE, e);
        }
        if (simulator == null) {
            return error(HttpStatus.NOT_FOUND, new GatewayException(Code.NO_SIMULATOR,
                    "no partner folder '" + partnerId + "' with a simulator.yaml"));
        }
        try {
            return ResponseEntity.ok().contentType(new MediaType("application", "json",
                    java.nio.charset.StandardCharsets.UTF_8)).body(faults.apply(partnerId,
                            () -> simulator.answer(envelope)).text());
        } catch (SimulatorFaults.Simulated e) {
            log.warn("Simulator of {} fails a request: {}", partnerId, e.getMessage());
            return error(e.mode() == SimulatorFaults.Mode.HTTP_500 ? HttpStatus.INTERNAL_SERVER_ERROR
                    : HttpStatus.SERVICE_UNAVAILABLE, e);
        } catch (GatewayException e) {
            log.warn("Simulator of {} refuses a request: {}", partnerId, e.getMessage());
            return error(HttpStatus.BAD_REQUEST, e);
        }
    }

    private static ResponseEntity<String> error(HttpStatus status, GatewayException e) {
        String body = "{\"code\":" + quote(e.code()) + ",\"message\":" + quote(e.getMessage()) + "}";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static String quote(String s) {
        return "\"" + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance()
                .quoteAsString(s == null ? "" : s)) + "\"";
    }
}
