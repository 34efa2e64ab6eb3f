package org.assistx.gateway.ingress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.assistx.gateway.Code;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Where a township's status-change callbacks may go (against server-side request forgery): a request's
 * {@code callbackUrl} must lie under one of the base URLs registered for that township
 * ({@code assistx.callbacks.destinations}) — same scheme, host and port, and a path under the base path,
 * without dot segments; plain http is refused when {@code https-only} is set. A host that is, or resolves
 * to, a loopback, link-local, private (site-local, unique-local, shared 100.64/10), wildcard or multicast
 * address is refused unless {@code allow-private-addresses} is set. The URL is checked when the request
 * comes in (422 {@value #CALLBACK_NOT_ALLOWED}, recorded as a refusal) and its host's addresses again before
 * every delivery (DNS may have changed). Callback redirects are never followed ({@link CallbackDeliveries}).
 */
@Component
public class CallbackDestinations {

    /** A {@code callbackUrl} outside the township's registered destinations, or to a non-public address. */
    public static final String CALLBACK_NOT_ALLOWED = Code.CALLBACK_NOT_ALLOWED.name();

    private final CallbackProperties properties;

    public CallbackDestinations(CallbackProperties properties) {
        this.properties = properties;
    }

    /** Refuses (422) a callback URL that {@code township} may not use. */
    public void requireAllowed(String township, String url) {
        String problem = problem(township, url);
        if (problem != null) {
            throw new IngressException(HttpStatus.UNPROCESSABLE_ENTITY, CALLBACK_NOT_ALLOWED, "callbackUrl",
                    "回调地址不在本镇（街道）登记的回调地址之内。 / callbackUrl is not allowed: " + problem);
        }
    }

    /**
     * Why {@code url} may not receive a delivery now (its host resolves to a non-public address that is not
     * allowed), or {@code null} if it may.
     */
    public String deliveryProblem(String url) {
        if (properties.allowPrivateAddresses()) {
            return null;
        }
        try {
            String host = host(URI.create(url));
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (nonPublic(address)) {
                    return CALLBACK_NOT_ALLOWED + ": " + host + " resolves to the non-public address "
                            + address.getHostAddress();
                }
            }
            return null;
        } catch (UnknownHostException | IllegalArgumentException e) {
            return CALLBACK_NOT_ALLOWED + ": " + e.getMessage();
        }
    }

    String problem(String township, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "not a URL";
        }
        if (properties.httpsOnly() && !"https".equalsIgnoreCase(uri.getScheme())) {
            return "only https callbacks are accepted";
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (!String.valueOf(uri.getRawPath()).equals(String.valueOf(uri.normalize().getRawPath()))
                || path.toLowerCase(Locale.ROOT).contains("%2e")) {
            return "its path has dot segments";
        }
        List<String> registered = properties.destinations().getOrDefault(township, List.of());
        if (registered.stream().noneMatch(base -> under(uri, path, base))) {
            return registered.isEmpty() ? "township " + township + " has registered no callback destination"
                    : "it is not under a destination registered for township " + township;
        }
        if (!properties.allowPrivateAddresses()) {
            String host = host(uri);
            InetAddress literal = literal(host);
            if ("localhost".equalsIgnoreCase(host) || host.toLowerCase(Locale.ROOT).endsWith(".localhost")
                    || (literal != null && nonPublic(literal))) {
                return "its host " + host + " is a loopback, link-local or private address";
            }
        }
        return null;
    }

    private static boolean under(URI uri, String path, String baseUrl) {
        URI base = URI.create(baseUrl);
        if (!base.getScheme().equalsIgnoreCase(uri.getScheme()) || !host(base).equalsIgnoreCase(host(uri))
                || port(base) != port(uri)) {
            return false;
        }
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        return path.equals(basePath) || path.startsWith(basePath.endsWith("/") ? basePath : basePath + "/");
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("no host in " + uri);
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The address an IP literal stands for (no name lookup), or {@code null} for a host name. */
    private static InetAddress literal(String host) {
        boolean ipv4 = host.matches("[0-9.]+");
        boolean ipv6 = host.contains(":");
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static boolean nonPublic(InetAddress a) {
        if (a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240;
        }
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }
}
