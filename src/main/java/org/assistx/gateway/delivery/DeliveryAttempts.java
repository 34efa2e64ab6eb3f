package org.assistx.gateway.delivery;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/** The error handler's on-redelivery hook: counts each retry and its cause on the message. */
@Component("deliveryAttempts")
public class DeliveryAttempts implements Processor {

    private final DeliveryFailures failures;

    public DeliveryAttempts(DeliveryFailures failures) {
        this.failures = failures;
    }

    @Override
    public void process(Exchange exchange) {
        failures.attempt(exchange);
    }
}
