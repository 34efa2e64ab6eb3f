package org.assistx.gateway.partner;

import java.security.cert.X509CRL;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The partner registry, loaded from {@code routes/partners/} at start: an invalid folder stops the start. */
@Configuration(proxyBeanMethods = false)
public class PartnerConfiguration {

    @Bean
    PartnerRegistry partnerRegistry(PartnerProperties properties, List<X509CRL> revocationLists) {
        PartnerRegistry registry = new PartnerRegistry(properties, revocationLists);
        registry.load();
        return registry;
    }
}
