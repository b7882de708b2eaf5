package io.eventledger.command.http;

/** The JSON bodies of the account commands; every field is required and amounts are strings. */
final class CommandBodies {

    private CommandBodies() {
    }

    record OpenAccount(String ownerId, String currency) {}

    /** Deposits and withdrawals. */
    record Movement(String amount, String reference) {}

    /** Fees and refunds. */
    record Charge(String amount, String reason) {}

    record Close(String reason) {}
}
