package org.assistx.gateway.delivery;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The embedded broker's TCP acceptor ({@code assistx.broker}); port 0 keeps the broker in-VM only. */
@ConfigurationProperties("assistx.broker")
public record BrokerProperties(String tcpHost, int tcpPort) {
}
