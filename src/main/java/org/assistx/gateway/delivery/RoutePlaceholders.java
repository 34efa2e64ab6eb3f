package org.assistx.gateway.delivery;

import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.stereotype.Component;

/**
 * The names the YAML routes take from Java, written once. Camel resolves {@code {{…}}} placeholders from the
 * Spring environment; this adds, last in line, two families of derived properties to it:
 *
 * <ul>
 *   <li>{@code assistx.queues.<name>}: the queue names of {@link Exchanges} ({@code dispatch},
 *       {@code notices}, {@code partner-prefix}, {@code dead-letters}, {@code ingress}), so a route writes
 *       {@code jms:queue:{{assistx.queues.dispatch}}} and the name itself lives only in {@code Exchanges};</li>
 *   <li>{@code <property>.millis}: a duration property of the gateway ({@code PT10S}, {@code 10s} or
 *       {@code 10000}) in milliseconds, for Camel options that take milliseconds (the {@code scheduler:}
 *       routes' {@code delay}); Camel itself does not read ISO-8601 durations there. A default may follow:
 *       {@code {{assistx.ops.alerts.interval.millis:300000}}}.</li>
 * </ul>
 *
 * Looked up on each use, so properties set by a test ({@code @DynamicPropertySource}) are seen too.
 */
@Component
public class RoutePlaceholders implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String QUEUES = "assistx.queues.";
    static final String MILLIS = ".millis";

    /** Placeholder name (after {@code assistx.queues.}) → queue name. */
    static final Map<String, String> QUEUE_NAMES = Map.of(
            "dispatch", Exchanges.DISPATCH_QUEUE,
            "notices", Exchanges.NOTICE_QUEUE,
            "partner-prefix", Exchanges.PARTNER_QUEUE_PREFIX,
            "dead-letters", Exchanges.DEAD_LETTER_QUEUE,
            "ingress", Exchanges.INGRESS_QUEUE,
            "exchange", Exchanges.EXCHANGE_QUEUE);

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!environment.getPropertySources().contains(Source.NAME)) {
            environment.getPropertySources().addLast(new Source(environment));
        }
    }

    /** The derived properties; answers nothing else, so Spring's binding never sees them. */
    static final class Source extends PropertySource<Map<String, String>> {

        static final String NAME = "assistxRoutePlaceholders";

        /**
         * Kept beside, not as the source: Spring Boot walks into a property source whose source is an
         * environment, which would be this one again.
         */
        private final Environment environment;

        Source(Environment environment) {
            super(NAME, QUEUE_NAMES);
            this.environment = environment;
        }

        @Override
        public Object getProperty(String name) {
            if (name.startsWith(QUEUES)) {
                return getSource().get(name.substring(QUEUES.length()));
            }
            if (name.endsWith(MILLIS) && name.startsWith("assistx.")) {
                String value = environment.getProperty(name.substring(0, name.length() - MILLIS.length()));
                return value == null || value.isBlank() ? null : String.valueOf(millis(value));
            }
            return null;
        }
    }

    /** A duration in any of Spring Boot's forms, in milliseconds. */
    static long millis(String value) {
        Duration d = DurationStyle.detectAndParse(value.trim());
        return d.toMillis();
    }
}
