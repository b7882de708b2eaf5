package io.eventledger.loadtest.bench;

import java.util.Locale;

/** The three commands of the load mix, named as the ack log writes them. */
public enum CommandKind {
    DEPOSIT,
    WITHDRAWAL,
    TRANSFER;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
