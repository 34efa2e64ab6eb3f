package org.assistx.gateway.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations API: Camel routes, their statistics, and start / stop / suspend / resume (audited). */
@RestController
@RequestMapping(path = "/api/v1/ops/routes", produces = MediaType.APPLICATION_JSON_VALUE)
public class OpsRouteController {

    /** Optional body of an operator action: why. */
    public record Why(String reason) {
    }

    private final RouteOps routes;
    private final OperatorActions actions;

    public OpsRouteController(RouteOps routes, OperatorActions actions) {
        this.routes = routes;
        this.actions = actions;
    }

    @GetMapping
    public List<RouteOps.RouteView> all() {
        return routes.all();
    }

    @GetMapping("/{routeId}")
    public RouteOps.RouteView one(@PathVariable String routeId) {
        return routes.one(routeId);
    }

    /** {@code action}: start, stop, suspend or resume. */
    @PostMapping("/{routeId}/{action}")
    public RouteOps.RouteView control(@PathVariable String routeId, @PathVariable String action,
            @RequestBody(required = false) Why why, HttpServletRequest request) {
        RouteOps.Action a = RouteOps.action(action);
        String reason = why == null ? null : why.reason();
        return actions.perform(Operator.current(request),
                new OperatorActions.Target("ROUTE_" + a.name(), "ROUTE", routeId, null, reason), () -> {
                    RouteOps.RouteView after = routes.control(routeId, a);
                    return new OperatorActions.Result<>(after, null, "state " + after.state());
                });
    }
}
