package io.eventledger.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.LedgerEvent;
import io.eventledger.contract.event.TransferEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventTypesTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private final EventCodec codec = EventCodec.standard();

    static Stream<LedgerEvent> oneOfEach() {
        BigDecimal amount = new BigDecimal("237.50");
        return Stream.of(
                new AccountEvent.AccountOpened("owner-1", "EUR"),
                new AccountEvent.MoneyDeposited(amount, "EUR", "salary"),
                new AccountEvent.MoneyWithdrawn(amount, "EUR", "atm"),
                new AccountEvent.FeeCharged(amount, "EUR", "monthly"),
                new AccountEvent.RefundIssued(amount, "EUR", "chargeback"),
                new AccountEvent.TransferDebited(A, amount, "EUR", B),
                new AccountEvent.TransferCredited(A, amount, "EUR", B),
                new AccountEvent.AccountClosed("customer request"),
                new TransferEvent.TransferInitiated(A, B, amount, "EUR", "alice"),
                new TransferEvent.TransferApproved("bob"),
                new TransferEvent.TransferRejected("bob", "suspicious"),
                new TransferEvent.TransferExecuted("alice"),
                new TransferEvent.TransferFailed("insufficient funds"));
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void everyEventRoundTripsThroughItsWireName(LedgerEvent event) {
        EventTypes.EventType type = EventTypes.of(event);
        JsonNode data = codec.toData(event);

        assertThat(codec.fromData(type.name(), type.schemaVersion(), data)).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("oneOfEach")
    void storedJsonTextDecodesAsItsTreeDoes(LedgerEvent event) {
        EventTypes.EventType type = EventTypes.of(event);
        // as jsonb gives it back: keys reordered, with spaces
        String stored = codec.toData(event).toPrettyString();

        assertThat(codec.fromJson(type.name(), type.schemaVersion(), utf8(stored)))
                .isEqualTo(event)
                .isEqualTo(codec.fromData(type.name(), type.schemaVersion(), codec.toData(event)));
    }

    @Test
    void storedJsonBytesAreReadAsUtf8() {
        String stored =
                "{\"amount\": \"5.00\", \"currency\": \"EUR\", \"reference\": \"caf\u00e9 \u2713 \ud83d\udcb6\"}";

        assertThat(codec.fromJson("MoneyDeposited", 2, utf8(stored)))
                .isEqualTo(new AccountEvent.MoneyDeposited(
                        new BigDecimal("5.00"), "EUR", "caf\u00e9 \u2713 \ud83d\udcb6"));
    }

    @Test
    void storedJsonTextOfAnOldSchemaIsUpcastAndBadTextIsUndecodable() {
        assertThat(codec.fromJson("MoneyDeposited", 1, utf8("{\"amount\": 237.5, \"reference\": \"legacy\"}")))
                .isEqualTo(new AccountEvent.MoneyDeposited(new BigDecimal("237.50"), "EUR", "legacy"));
        assertThatThrownBy(() -> codec.fromJson("MoneyDeposited", 2, utf8("{\"amount\": {}}")))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("MoneyDeposited v2");
        assertThatThrownBy(() -> codec.fromJson("AccountClosed", 1, utf8("null")))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("has no data");
        assertThatThrownBy(() -> codec.fromJson("MoneyPrinted", 1, utf8("{}")))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("MoneyPrinted");
    }

    @Test
    void everyPermittedSubclassIsRegisteredExactlyOnce() {
        List<Class<?>> permitted = Stream.of(AccountEvent.class, TransferEvent.class)
                .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                .toList();
        List<Class<?>> registered = EventTypes.all().stream()
                .<Class<?>>map(EventTypes.EventType::type)
                .toList();

        assertThat(registered).containsExactlyInAnyOrderElementsOf(permitted);
        assertThat(oneOfEach().map(Object::getClass).distinct()).hasSize(permitted.size());
    }

    @Test
    void moneyTravelsAsAString() {
        JsonNode data = codec.toData(new AccountEvent.MoneyDeposited(new BigDecimal("500.00"), "EUR", "r"));

        assertThat(data.get("amount").isTextual()).isTrue();
        assertThat(data.get("amount").asText()).isEqualTo("500.00");
    }

    @Test
    void unknownTypeIsUndecodableWithAReason() {
        assertThatThrownBy(() -> codec.fromData("MoneyPrinted", 1, codec.toData(new AccountEvent.AccountClosed("x"))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("MoneyPrinted");
    }

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
