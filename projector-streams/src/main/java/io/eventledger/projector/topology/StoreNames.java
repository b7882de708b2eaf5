package io.eventledger.projector.topology;

/**
 * The one place the names of stores and topology nodes live: interactive queries, tests and the
 * changelog topics ({@code <application.id>-<store>-changelog}) all depend on them, so they never change.
 */
public final class StoreNames {

    public static final String BALANCES_STORE = "balances-store";

    public static final String ACCOUNT_EVENTS_SOURCE = "account-events-source";
    public static final String BALANCE_PROCESSOR = "balance-projector";
    public static final String BALANCES_SINK = "balances-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";

    private StoreNames() {
    }
}
