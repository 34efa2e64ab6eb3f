package org.assistx.gateway.ingress;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.assistx.gateway.Code;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Who is calling: the organisation code of the client certificate's subject {@code O} (mTLS) — only a valid,
 * unrevoked township client certificate counts ({@link ClientCertificates}) — or, in the default demo
 * configuration only, the {@code X-Client-Org} header. No identity: 401. Every township call
 * passes here, so it is also where a call is counted against the client's rate limit (429).
 */
@Component
public class ClientIdentityResolver {

    public static final String HEADER = "X-Client-Org";
    /** Request attribute holding the organisation once identified (for the record of a later refusal). */
    public static final String RESOLVED_ORG = "org.assistx.gateway.clientOrg";

    private static final Logger log = LoggerFactory.getLogger(ClientIdentityResolver.class);
    private static final Pattern ORG = Pattern.compile("\\d{2}|\\d{4}|\\d{6}|\\d{9}");

    private final boolean headerIdentity;
    private final ClientRateLimiter limiter;
    private final ClientCertificates certificates;

    public ClientIdentityResolver(IdentityProperties properties, ClientRateLimiter limiter,
            ClientCertificates certificates) {
        this.headerIdentity = properties.headerIdentityEnabled();
        this.limiter = limiter;
        this.certificates = certificates;
        if (headerIdentity) {
            log.warn("DEMO IDENTITY: callers are identified by the {} header, which anyone can set. "
                    + "Never run this configuration with real data; the prod profile requires mTLS.", HEADER);
        }
    }

    /** The calling organisation, after taking one call from its rate limit. */
    public String resolve(HttpServletRequest request) {
        String org = identify(request);
        request.setAttribute(RESOLVED_ORG, org);
        limiter.acquire(org);
        return org;
    }

    /** The organisation a refused call was identified as, or else the one it claimed in the demo header. */
    public static String callerOf(HttpServletRequest request) {
        Object resolved = request.getAttribute(RESOLVED_ORG);
        if (resolved != null) {
            return resolved.toString();
        }
        String claimed = request.getHeader(HEADER);
        return claimed == null ? null : "claimed:" + claimed;
    }

    private String identify(HttpServletRequest request) {
        X509Certificate[] chain = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (chain != null && chain.length > 0) {
            // A presented certificate must be a township client certificate: never fall back to the header.
            certificates.requireTownshipCertificate(chain);
            String org = organisationOf(chain[0]);
            if (org != null) {
                return org;
            }
        }
        if (headerIdentity) {
            String org = request.getHeader(HEADER);
            if (org != null && ORG.matcher(org).matches()) {
                return org;
            }
        }
        throw new IngressException(HttpStatus.UNAUTHORIZED, Code.UNAUTHENTICATED, null,
                "无法确认调用方身份。 / The calling organisation could not be identified.");
    }

    static String organisationOf(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("O".equalsIgnoreCase(rdn.getType()) && ORG.matcher(rdn.getValue().toString()).matches()) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            log.warn("Client certificate subject cannot be parsed: {}", e.getMessage());
        }
        return null;
    }
}
