package io.eventledger.loadtest.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ExpectedEventsTest {

    private static List<StoredEvent> wrote(String... types) {
        return Arrays.stream(types)
                .map(t -> new StoredEvent("c", UUID.randomUUID(), t, UUID.randomUUID()))
                .toList();
    }

    @Test
    void anAccountCommandWritesOneEventOfItsType() {
        assertThat(ExpectedEvents.mismatch("deposit", wrote("MoneyDeposited"))).isEmpty();
        assertThat(ExpectedEvents.mismatch("withdrawal", wrote("MoneyWithdrawn")))
                .isEmpty();
        assertThat(ExpectedEvents.mismatch("deposit", wrote("MoneyWithdrawn"))).isPresent();
    }

    @Test
    void anExecutedTransferNeedsBothLegs() {
        assertThat(ExpectedEvents.mismatch(
                        "transfer",
                        wrote("TransferInitiated", "TransferExecuted", "TransferDebited", "TransferCredited")))
                .isEmpty();
        assertThat(ExpectedEvents.mismatch(
                        "transfer", wrote("TransferInitiated", "TransferExecuted", "TransferDebited")))
                .hasValueSatisfying(why -> assertThat(why).contains("TransferCredited"));
        assertThat(ExpectedEvents.mismatch("transfer", wrote("TransferInitiated", "TransferFailed")))
                .isEmpty();
        assertThat(ExpectedEvents.mismatch("transfer", wrote("TransferInitiated")))
                .isEmpty();
        assertThat(ExpectedEvents.mismatch("transfer", wrote("TransferExecuted")))
                .isPresent();
    }

    @Test
    void readsAckLogLinesWithOrWithoutACounterparty() {
        assertThat(AckedCommand.parse("c1,transfer,201,a,b"))
                .isEqualTo(new AckedCommand("c1", "transfer", 201, "a", "b"));
        assertThat(AckedCommand.parse("c2,deposit,200,a,")).isEqualTo(new AckedCommand("c2", "deposit", 200, "a", ""));
        assertThatThrownBy(() -> AckedCommand.parse("garbage")).isInstanceOf(IllegalArgumentException.class);
    }
}
