package org.assistx.gateway.ops;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.assistx.gateway.partner.BusinessDeadlines;
import org.assistx.gateway.partner.PartnerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The operations console and its meters: {@code /console} serves the static console, and route timers
 * keep the percentiles (median, p99) that the operations API reports.
 */
@Configuration(proxyBeanMethods = false)
public class OpsConfiguration implements WebMvcConfigurer {

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/console", "/console/");
        registry.addViewController("/console/").setViewName("forward:/console/index.html");
    }

    /** Business deadlines per route, with this deployment's working days for a route without its own. */
    @Bean
    BusinessDeadlines businessDeadlines(OpsProperties ops, PartnerRegistry partners, Clock clock) {
        return new BusinessDeadlines(ops.deadlineWorkingDays(), ops.workingDayCalendar(), partners, clock);
    }

    /** Camel's exchange events feed the operations meters and the last failures (see {@code OpsEvents}). */
    @Bean
    CamelContextConfiguration opsEventNotifier(OpsEvents events) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                if (!camel.getManagementStrategy().getEventNotifiers().contains(events)) {
                    camel.getManagementStrategy().addEventNotifier(events);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }

    /** Camel's route timers ({@code camel.route.policy}) with p50/p99 over a five-minute window. */
    @Bean
    MeterFilter routeTimerPercentiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getName().equals("camel.route.policy")) {
                    return DistributionStatisticConfig.builder().percentiles(0.5, 0.99)
                            .expiry(Duration.ofMinutes(5)).bufferLength(5).build().merge(config);
                }
                return config;
            }
        };
    }
}
