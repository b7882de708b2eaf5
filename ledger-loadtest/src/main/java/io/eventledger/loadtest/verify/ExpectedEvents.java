package io.eventledger.loadtest.verify;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What an acknowledged command must have written, judged from its kind and the events it did write, as the
 * domain writes them: an account command appends one event of its type; a transfer always appends
 * TransferInitiated and, once executed, TransferExecuted with one debit and one credit leg, or TransferFailed.
 * A kind this class does not know is only required to have written something.
 */
final class ExpectedEvents {

    private ExpectedEvents() {}

    /** Why {@code written} is not what {@code kind} writes; empty when it is. */
    static Optional<String> mismatch(String kind, List<StoredEvent> written) {
        Set<String> types = written.stream().map(StoredEvent::eventType).collect(Collectors.toSet());
        Set<String> expected = switch (kind.toLowerCase(java.util.Locale.ROOT)) {
            case "open", "account" -> Set.of("AccountOpened");
            case "deposit" -> Set.of("MoneyDeposited");
            case "withdrawal", "withdraw" -> Set.of("MoneyWithdrawn");
            case "fee" -> Set.of("FeeCharged");
            case "refund" -> Set.of("RefundIssued");
            case "close" -> Set.of("AccountClosed");
            case "transfer" -> transfer(types);
            default -> types;
        };
        return types.equals(expected)
                ? Optional.empty()
                : Optional.of(kind + " wrote " + types + ", expected " + expected);
    }

    private static Set<String> transfer(Set<String> types) {
        if (types.contains("TransferExecuted")) {
            return Set.of("TransferInitiated", "TransferExecuted", "TransferDebited", "TransferCredited");
        }
        if (types.contains("TransferFailed")) {
            return Set.of("TransferInitiated", "TransferFailed");
        }
        // awaiting approval (202): nothing else has happened yet
        return Set.of("TransferInitiated");
    }
}
