package io.eventledger.projector.topology;

import java.util.List;

/**
 * The one place the names of stores and topology nodes live: interactive queries, tests and the
 * changelog topics ({@code <application.id>-<store>-changelog}) all depend on them, so they never change.
 */
public final class StoreNames {

    public static final String BALANCES_STORE = "balances-store";
    public static final String DAILY_SUMMARIES_STORE = "daily-summaries-store";
    /** Every store of the topology: a replay deletes their changelogs ({@code <application.id>-<store>-changelog}). */
    public static final List<String> STORES = List.of(BALANCES_STORE, DAILY_SUMMARIES_STORE);

    public static final String ACCOUNT_EVENTS_SOURCE = "account-events-source";
    public static final String ACCOUNT_PROCESSOR = "account-projector";
    public static final String BALANCES_SINK = "balances-sink";
    public static final String DAILY_SUMMARIES_SINK = "daily-summaries-sink";
    public static final String DEAD_LETTERS_SINK = "dead-letters-sink";

    private StoreNames() {}
}
