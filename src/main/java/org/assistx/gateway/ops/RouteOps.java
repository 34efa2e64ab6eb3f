package org.assistx.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.assistx.gateway.Code;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Each Camel route: its state from Camel's {@link RouteController}, its counts and latency from the route
 * policy meters of camel-micrometer ({@code camel.exchanges.*}, {@code camel.route.policy}), in-flight
 * exchanges from Camel's inflight repository, and its last failure from {@link OpsEvents}. Routes can be
 * started, stopped, suspended and resumed.
 */
@Component
public class RouteOps {

    /** What an operator may do to a route. */
    public enum Action { START, STOP, SUSPEND, RESUME }

    /**
     * One route.
     *
     * @param failuresHandled failures the error handler took care of (retried out, dead-lettered)
     * @param meanMs          mean processing time since start; {@code p50Ms}/{@code p99Ms} over the last minutes
     */
    public record RouteView(String id, String from, String group, String state, long uptimeMs, long exchangesTotal,
            long exchangesFailed, long failuresHandled, long inflight, Double meanMs, Double p50Ms, Double p99Ms,
            Double maxMs, OpsEvents.Failure lastFailure) {
    }

    private final CamelContext camel;
    private final MeterRegistry meters;
    private final OpsEvents events;

    public RouteOps(CamelContext camel, MeterRegistry meters, OpsEvents events) {
        this.camel = camel;
        this.meters = meters;
        this.events = events;
    }

    public List<RouteView> all() {
        return camel.getRoutes().stream().sorted(Comparator.comparing(Route::getRouteId)).map(this::view).toList();
    }

    public RouteView one(String id) {
        Route route = camel.getRoute(id);
        if (route == null) {
            throw OpsException.notFound("routeId", "该路由");
        }
        return view(route);
    }

    public RouteView control(String id, Action action) {
        one(id);
        RouteController controller = camel.getRouteController();
        try {
            switch (action) {
                case START -> controller.startRoute(id);
                case STOP -> controller.stopRoute(id, 30, TimeUnit.SECONDS);
                case SUSPEND -> controller.suspendRoute(id, 30, TimeUnit.SECONDS);
                case RESUME -> controller.resumeRoute(id);
            }
        } catch (Exception e) {
            throw new OpsException(HttpStatus.CONFLICT, Code.ROUTE_ACTION_FAILED.name(), "routeId", "路由操作失败："
                    + OpsEvents.summarise(e) + " / The route action failed: " + OpsEvents.summarise(e), e);
        }
        return one(id);
    }

    public static Action action(String name) {
        try {
            return Action.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OpsException(HttpStatus.BAD_REQUEST, Code.INVALID_FIELD, "action",
                    "未知的路由操作（start、stop、suspend、resume）。 / Unknown route action (start, stop, suspend, resume).");
        }
    }

    private RouteView view(Route route) {
        String id = route.getRouteId();
        ServiceStatus status = camel.getRouteController().getRouteStatus(id);
        Timer timer = meters.find("camel.route.policy").tag("routeId", id).timer();
        Double mean = null;
        Double p50 = null;
        Double p99 = null;
        Double max = null;
        if (timer != null && timer.count() > 0) {
            mean = round(timer.mean(TimeUnit.MILLISECONDS));
            max = round(timer.max(TimeUnit.MILLISECONDS));
            for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
                if (Math.abs(v.percentile() - 0.5) < 1e-9) {
                    p50 = round(v.value(TimeUnit.MILLISECONDS));
                } else if (Math.abs(v.percentile() - 0.99) < 1e-9) {
                    p99 = round(v.value(TimeUnit.MILLISECONDS));
                }
            }
        }
        return new RouteView(id, route.getEndpoint().getEndpointUri(), route.getGroup(),
                status == null ? "UNKNOWN" : status.name(), route.getUptimeMillis(), count("camel.exchanges.total", id),
                count("camel.exchanges.failed", id), count("camel.exchanges.failures.handled", id),
                camel.getInflightRepository().size(id), mean, p50, p99, max, events.lastFailure(id).orElse(null));
    }

    private long count(String meter, String routeId) {
        Counter c = meters.find(meter).tag("routeId", routeId).counter();
        return c == null ? 0 : (long) c.count();
    }

    private static Double round(double v) {
        return Double.isNaN(v) ? null : Math.round(v * 10.0) / 10.0;
    }
}
