package org.assistx.gateway.ops;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is acting: the signed-in operator, or in the demo configuration the anonymous demo operator.
 *
 * @param authenticated false for the demo operator (nobody signed in)
 */
public record Operator(String name, List<String> roles, boolean authenticated, String remoteAddress) {

    public static Operator current(HttpServletRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String remote = request == null ? null : request.getRemoteAddr();
        if (auth == null) {
            return new Operator("unknown", List.of(), false, remote);
        }
        List<String> roles = auth.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).sorted().toList();
        boolean authenticated = auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
        return new Operator(auth.getName(), roles, authenticated, remote);
    }

    public boolean may(String role) {
        return roles.contains(role);
    }
}
