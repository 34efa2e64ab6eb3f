package org.assistx.gateway.simulator;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.servlet.http.HttpServletRequest;
import org.assistx.gateway.Code;
import org.assistx.gateway.GatewayException;
import org.assistx.gateway.ops.Operator;
import org.assistx.gateway.ops.OperatorActions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operations API of the partner simulators (present only when they are on): inject a fault into a
 * simulated partner, see the faults in force, and clear one. Setting and clearing are operator actions,
 * recorded like the others.
 */
@RestController
@ConditionalOnProperty(name = "assistx.simulators.enabled", havingValue = "true")
@RequestMapping(path = "/api/v1/ops/simulators", produces = MediaType.APPLICATION_JSON_VALUE)
public class SimulatorFaultController {

    /** A fault in force on one simulated partner. */
    public record PartnerFault(String partnerId, SimulatorFaults.Mode mode, int n, long delayMs) {
        static PartnerFault of(String partnerId, SimulatorFaults.Fault f) {
            return new PartnerFault(partnerId, f.mode(), f.n(), f.delayMs());
        }
    }

    private final SimulatorFaults faults;
    private final ProvincialSimulators provincial;
    private final CountyBureauSimulator countyBureau;
    private final OperatorActions actions;

    public SimulatorFaultController(SimulatorFaults faults, ProvincialSimulators provincial,
            CountyBureauSimulator countyBureau, OperatorActions actions) {
        this.faults = faults;
        this.countyBureau = countyBureau;
        this.provincial = provincial;
        this.actions = actions;
    }

    @GetMapping("/faults")
    public java.util.List<PartnerFault> list() {
        return faults.all().entrySet().stream().map(e -> PartnerFault.of(e.getKey(), e.getValue())).toList();
    }

    @PostMapping(path = "/{partnerId}/faults", consumes = MediaType.APPLICATION_JSON_VALUE)
    public PartnerFault set(@PathVariable String partnerId, @RequestBody SimulatorFaults.Fault fault,
            HttpServletRequest request) {
        requireSimulated(partnerId);
        return actions.perform(Operator.current(request), new OperatorActions.Target("SIMULATOR_FAULT_SET",
                "SIMULATOR", partnerId, null, null), () -> {
                    faults.set(partnerId, fault);
                    return new OperatorActions.Result<>(PartnerFault.of(partnerId, fault), null, fault.toString());
                });
    }

    @DeleteMapping("/{partnerId}/faults")
    public ResponseEntity<Void> clear(@PathVariable String partnerId, HttpServletRequest request) {
        requireSimulated(partnerId);
        return actions.perform(Operator.current(request), new OperatorActions.Target("SIMULATOR_FAULT_CLEAR",
                "SIMULATOR", partnerId, null, null), () -> new OperatorActions.Result<>(
                        ResponseEntity.noContent().<Void>build(), null,
                        faults.clear(partnerId).map(f -> "cleared " + f).orElse("no fault was set")));
    }

    private void requireSimulated(String partnerId) {
        boolean known;
        try {
            known = countyBureau.partner().equals(partnerId) || provincial.find(partnerId).isPresent();
        } catch (GatewayException e) {
            known = false;
        }
        if (!known) {
            throw new UnknownSimulator(partnerId);
        }
    }

    /** No simulator for that partner id. */
    static final class UnknownSimulator extends GatewayException {
        UnknownSimulator(String partnerId) {
            super(Code.NOT_FOUND, "没有该合作方的模拟器。 / No simulator for partner '" + partnerId + "'.");
        }
    }

    @ExceptionHandler(UnknownSimulator.class)
    ResponseEntity<String> unknown(UnknownSimulator e) {
        return errors(HttpStatus.NOT_FOUND, e.code(), "partnerId", e.getMessage());
    }

    @ExceptionHandler(SimulatorFaults.InvalidFault.class)
    ResponseEntity<String> invalid(SimulatorFaults.InvalidFault e) {
        return errors(HttpStatus.BAD_REQUEST, e.code(), e.field(), e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof SimulatorFaults.InvalidFault invalid) {
            return invalid(invalid);
        }
        return errors(HttpStatus.BAD_REQUEST, Code.INVALID_FIELD.name(), "mode",
                "故障描述无法读取。 / The fault is not a JSON object with a known mode: " + cause.getMessage());
    }

    private static ResponseEntity<String> errors(HttpStatus status, String code, String field, String message) {
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        String body = "{\"errors\":[{\"code\":\"" + code + "\",\"field\":\"" + field + "\",\"message\":\""
                + new String(enc.quoteAsString(message)) + "\"}]}";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
