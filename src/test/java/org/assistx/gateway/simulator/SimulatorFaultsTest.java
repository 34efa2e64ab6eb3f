package org.assistx.gateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.assistx.gateway.simulator.SimulatorFaults.Fault;
import org.assistx.gateway.simulator.SimulatorFaults.Mode;
import org.junit.jupiter.api.Test;

class SimulatorFaultsTest {

    private final SimulatorFaults faults = new SimulatorFaults();
    private final AtomicInteger taken = new AtomicInteger();

    private SimulatorFaults.Answer request() {
        return faults.apply("p", () -> "answer " + taken.incrementAndGet());
    }

    @Test
    void withoutAFaultTheRequestIsTakenOnceAndAnswered() {
        assertThat(request()).isEqualTo(new SimulatorFaults.Answer("answer 1", false));
        assertThat(faults.get("p")).isEmpty();
    }

    @Test
    void downAndServerErrorsFailBeforeTheRequestIsTaken() {
        faults.set("p", new Fault(Mode.DOWN, null, null));
        assertThatThrownBy(this::request).isInstanceOfSatisfying(SimulatorFaults.Simulated.class, e -> {
            assertThat(e.mode()).isEqualTo(Mode.DOWN);
            assertThat(e.taken()).isFalse();
            assertThat(e.code()).isEqualTo("SIMULATED_DOWN");
        });
        faults.set("p", new Fault(Mode.HTTP_500, null, null));
        assertThatThrownBy(this::request).isInstanceOfSatisfying(SimulatorFaults.Simulated.class,
                e -> assertThat(e.mode()).isEqualTo(Mode.HTTP_500));
        assertThat(taken).hasValue(0);
        assertThat(faults.clear("p")).contains(new Fault(Mode.HTTP_500, 3, 2000L));
        assertThat(request().text()).isEqualTo("answer 1");
    }

    @Test
    void everyNthAnswerIsLostAfterTheRequestWasTaken() {
        faults.set("p", new Fault(Mode.DROP_EVERY_NTH, 2, null));
        assertThat(request().text()).isEqualTo("answer 1");
        assertThatThrownBy(this::request).isInstanceOfSatisfying(SimulatorFaults.Simulated.class,
                e -> assertThat(e.taken()).isTrue());
        assertThat(request().text()).isEqualTo("answer 3");
        assertThatThrownBy(this::request).isInstanceOf(SimulatorFaults.Simulated.class);
        assertThat(taken).hasValue(4);
    }

    @Test
    void garbageTwiceAndSlowShapeTheAnswer() {
        faults.set("p", new Fault(Mode.GARBAGE, null, null));
        assertThat(request().text()).isEqualTo(SimulatorFaults.GARBAGE_ANSWER);
        faults.set("p", new Fault(Mode.TWICE, null, null));
        assertThat(request()).isEqualTo(new SimulatorFaults.Answer("answer 3", true));
        faults.set("p", new Fault(Mode.SLOW, null, 0L));
        assertThat(request().text()).isEqualTo("answer 4");
        assertThat(faults.all()).containsOnlyKeys("p");
    }

    @Test
    void aBadSignatureChangesTheFirstSignedIdAndNothingElse() {
        String reply = "{\"header\":{\"messageId\":\"0a1b2c3d-0000-4000-8000-000000000001\"},\"signature\":{}}";
        String bad = SimulatorFaults.tamper(reply);
        assertThat(bad).isNotEqualTo(reply).hasSameSizeAs(reply).startsWith("{\"header\":{\"messageId\":\"1a1b");
        assertThat(SimulatorFaults.tamper("")).isEmpty();
        faults.set("p", new Fault(Mode.BAD_SIGNATURE, null, null));
        assertThat(faults.apply("p", () -> reply).text()).isEqualTo(bad);
    }

    @Test
    void invalidFaultsAreRefusedWithTheField() {
        assertThatThrownBy(() -> new Fault(null, null, null)).isInstanceOfSatisfying(SimulatorFaults.InvalidFault.class,
                e -> assertThat(e.field()).isEqualTo("mode"));
        assertThatThrownBy(() -> new Fault(Mode.DROP_EVERY_NTH, 0, null))
                .isInstanceOfSatisfying(SimulatorFaults.InvalidFault.class, e -> assertThat(e.field()).isEqualTo("n"));
        assertThatThrownBy(() -> new Fault(Mode.SLOW, null, -1L))
                .isInstanceOfSatisfying(SimulatorFaults.InvalidFault.class,
                        e -> assertThat(e.field()).isEqualTo("delayMs"));
    }
}
