package org.assistx.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import java.sql.SQLTransientConnectionException;
import org.assistx.gateway.Code;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jms.UncategorizedJmsException;
import org.springframework.transaction.CannotCreateTransactionException;

/** 5xx answers: the store or the broker down is 503 with Retry-After and its code; anything else 500. */
class ApiExceptionHandlerTest {

    private final ApiExceptionHandler handler = new ApiExceptionHandler(null, 7);

    @Test
    void storeDownIs503WithRetryAfter() {
        ResponseEntity<ApiError> answer = handler.unexpected(
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("Connection is not available")));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("7");
        assertThat(answer.getBody().errors().get(0).code()).isEqualTo(Code.STORE_UNAVAILABLE.name());
    }

    @Test
    void storeDownInsideATransactionIs503() {
        ResponseEntity<ApiError> answer = handler.unexpected(new IllegalStateException("wrapped",
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction")));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getBody().errors().get(0).code()).isEqualTo(Code.STORE_UNAVAILABLE.name());
    }

    @Test
    void brokerDownIs503WithRetryAfter() {
        ResponseEntity<ApiError> answer = handler.unexpected(
                new UncategorizedJmsException(new JMSException("AMQ219010: Connection is destroyed")));
        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("7");
        assertThat(answer.getBody().errors().get(0).code()).isEqualTo(Code.BROKER_UNAVAILABLE.name());
    }

    @Test
    void anythingElseIs500Internal() {
        ResponseEntity<ApiError> answer = handler.unexpected(new IllegalStateException("a bug"));
        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isNull();
        assertThat(answer.getBody().errors().get(0).code()).isEqualTo(Code.INTERNAL.name());
    }
}
