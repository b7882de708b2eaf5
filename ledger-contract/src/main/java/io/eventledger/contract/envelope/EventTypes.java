package io.eventledger.contract.envelope;

import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.LedgerEvent;
import io.eventledger.contract.event.TransferEvent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of wire names and current schema versions. A wire name never changes once
 * published; a data shape change bumps the schema version and adds an upcaster.
 */
public final class EventTypes {

    /** One event type on the wire. */
    public record EventType(String name, Class<? extends LedgerEvent> type, int schemaVersion, String aggregateType) {}

    public static final String ACCOUNT = "account";
    public static final String TRANSFER = "transfer";

    private static final List<EventType> ALL = List.of(
            new EventType("AccountOpened", AccountEvent.AccountOpened.class, 1, ACCOUNT),
            // v1 carried {amount: number} without currency; see upcast.MoneyDepositedV1ToV2
            new EventType("MoneyDeposited", AccountEvent.MoneyDeposited.class, 2, ACCOUNT),
            new EventType("MoneyWithdrawn", AccountEvent.MoneyWithdrawn.class, 1, ACCOUNT),
            new EventType("FeeCharged", AccountEvent.FeeCharged.class, 1, ACCOUNT),
            new EventType("RefundIssued", AccountEvent.RefundIssued.class, 1, ACCOUNT),
            new EventType("TransferDebited", AccountEvent.TransferDebited.class, 1, ACCOUNT),
            new EventType("TransferCredited", AccountEvent.TransferCredited.class, 1, ACCOUNT),
            new EventType("AccountClosed", AccountEvent.AccountClosed.class, 1, ACCOUNT),
            new EventType("TransferInitiated", TransferEvent.TransferInitiated.class, 1, TRANSFER),
            new EventType("TransferApproved", TransferEvent.TransferApproved.class, 1, TRANSFER),
            new EventType("TransferRejected", TransferEvent.TransferRejected.class, 1, TRANSFER),
            new EventType("TransferExecuted", TransferEvent.TransferExecuted.class, 1, TRANSFER),
            new EventType("TransferFailed", TransferEvent.TransferFailed.class, 1, TRANSFER));

    private static final Map<String, EventType> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventTypes() {}

    public static List<EventType> all() {
        return ALL;
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static EventType of(LedgerEvent event) {
        EventType type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalStateException("event class not registered: " + event.getClass());
        }
        return type;
    }
}
