package org.assistx.gateway.ops;

import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Operator access (issue 7). Only the operations surfaces are guarded: the console, {@code /api/v1/ops/**}
 * and the actuator beyond health, info and Prometheus. VIEWER reads, OPERATOR also acts (every POST under
 * {@code /api/v1/ops/}). Township and partner endpoints keep their own identity (mTLS, or the demo header)
 * and are not touched here; CSRF protection is off for the APIs, which carry no browser session of a
 * township, and the console's session cookie is {@code SameSite=Strict}.
 *
 * <p>With {@code assistx.ops.login-required=false} (the demo) an anonymous visitor is the documented demo
 * operator with both roles, so the demo runs without a login and every action is still attributed; the
 * accounts still work for anyone who signs in. In {@code prod} an operator must sign in (form login for the
 * console, HTTP Basic for scripts).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    /** Reached without an operator login: townships, partners, probes and the metrics scraper. */
    static final String[] OPEN = {
        "/api/v1/verifications", "/api/v1/verifications/**", "/api/v1/policy/**", "/api/v1/residence-changes",
        "/api/v1/residence-changes/**", "/api/v1/emergencies/**", "/api/v1/exchange", "/api/v1/exchange/**",
        "/api/v1/inbox",
        "/services/**", "/simulator/**",
        "/api/v1/openapi.yaml", "/api-docs.html", "/api-docs.js", "/webjars/**",
        "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus", "/error", "/login"
    };

    @Bean
    SecurityFilterChain gatewaySecurity(HttpSecurity http, OpsProperties ops) throws Exception {
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
        http.csrf(csrf -> csrf.ignoringRequestMatchers(api,
                request -> request.getRequestURI().startsWith(request.getContextPath() + "/services/"),
                request -> request.getRequestURI().startsWith(request.getContextPath() + "/simulator/"),
                request -> request.getRequestURI().startsWith(request.getContextPath() + "/actuator/"),
                request -> request.getRequestURI().equals(request.getContextPath() + "/logout")));
        // Path patterns, not MVC matchers: CXF's servlet sits beside Spring's dispatcher.
        PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers(paths(path, OPEN)).permitAll()
                .requestMatchers(path.matcher(HttpMethod.GET, "/api/v1/ops/**"))
                    .hasRole(OpsProperties.Role.VIEWER.name())
                .requestMatchers(path.matcher("/api/v1/ops/**")).hasRole(OpsProperties.Role.OPERATOR.name())
                .requestMatchers(paths(path, "/console", "/console/**", "/actuator/**"))
                    .hasRole(OpsProperties.Role.VIEWER.name())
                .anyRequest().permitAll());
        http.formLogin(form -> form.defaultSuccessUrl("/console/", false));
        http.httpBasic(basic -> basic.authenticationEntryPoint(jsonUnauthorized()));
        http.logout(logout -> logout.logoutSuccessUrl(ops.loginRequired() ? "/login?logout" : "/console/"));
        RequestMatcher console = request -> request.getRequestURI().startsWith(request.getContextPath() + "/console");
        http.exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(jsonUnauthorized(), api)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), console));
        if (!ops.loginRequired()) {
            http.anonymous(anonymous -> anonymous.principal(ops.demoOperator())
                    .authorities(authorities(List.of(OpsProperties.Role.OPERATOR)).toArray(String[]::new)));
            log.warn("DEMO OPERATOR: the console and the operations API are open; anonymous actions are recorded as "
                    + "'{}'. The prod profile requires an operator login.", ops.demoOperator());
        }
        return http.build();
    }

    /** The hashes Spring Security's delegating encoder checks (a bare or unknown one fails every login with 500). */
    static final java.util.regex.Pattern HASHED = java.util.regex.Pattern.compile(
            "\\{bcrypt}\\$2[aby]?\\$\\d\\d\\$.{53}\\z|\\{(argon2|pbkdf2|scrypt)(@SpringSecurity_v5_8)?}\\S+\\z");

    @Bean
    UserDetailsService operatorAccounts(OpsProperties ops) {
        List<UserDetails> users = new ArrayList<>();
        for (OpsProperties.Operator o : ops.operators()) {
            if (ops.loginRequired() && !HASHED.matcher(o.password()).lookingAt()) {
                throw new IllegalStateException("operator '" + o.username() + "' has "
                        + (o.password().startsWith("{noop}") ? "a plain-text password" : "no password hash the login knows")
                        + "; with assistx.ops.login-required=true give {bcrypt}$2a$… (made by: echo '<password>' | "
                        + "java -jar assistx-gateway.jar " + OperatorPasswords.COMMAND + ")");
            }
            users.add(User.withUsername(o.username()).password(o.password())
                    .authorities(authorities(o.roles()).toArray(String[]::new)).build());
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static RequestMatcher[] paths(PathPatternRequestMatcher.Builder path, String... patterns) {
        return java.util.Arrays.stream(patterns).map(path::matcher).toArray(RequestMatcher[]::new);
    }

    /** OPERATOR includes VIEWER. */
    static Set<String> authorities(List<OpsProperties.Role> roles) {
        Set<String> granted = new LinkedHashSet<>();
        for (OpsProperties.Role role : roles) {
            granted.add("ROLE_" + role.name());
            if (role == OpsProperties.Role.OPERATOR) {
                granted.add("ROLE_" + OpsProperties.Role.VIEWER.name());
            }
        }
        return granted;
    }

    /** The API answers 401 in the error format of the contract, never with a login page or a Basic prompt. */
    static AuthenticationEntryPoint jsonUnauthorized() {
        return (request, response, e) -> {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("{\"errors\":[{\"code\":\"UNAUTHENTICATED\",\"field\":null,\"message\":"
                    + "\"需要运维人员登录。 / An operator login is required.\"}]}");
        };
    }
}
