package org.assistx.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Who sent a JMS verification request: the broker's validated user; the clientOrg property only in the demo. */
class JmsIngressIdentityTest {

    private static final boolean PROD = false;
    private static final boolean DEMO = true;

    @Test
    void prodTakesTheValidatedUserAndNeverTheProperty() {
        assertThat(JmsIngress.organisation("610113001", "610104003", PROD)).isEqualTo("610113001");
        assertThat(JmsIngress.organisation(null, "610104003", PROD)).as("a property alone names nobody in prod")
                .isNull();
    }

    @Test
    void aValidatedUserThatIsNoTownshipIdentifiesNobodyInProd() {
        assertThat(JmsIngress.organisation("gateway-ops", "610113001", PROD)).isNull();
    }

    @Test
    void theDemoFallsBackToThePropertyButTheValidatedUserStillWins() {
        assertThat(JmsIngress.organisation(null, "610113001", DEMO)).isEqualTo("610113001");
        assertThat(JmsIngress.organisation("610113001", "610104003", DEMO)).isEqualTo("610113001");
        assertThat(JmsIngress.organisation(null, "61011300X", DEMO)).isNull();
    }
}
