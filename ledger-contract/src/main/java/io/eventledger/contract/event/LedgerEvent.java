package io.eventledger.contract.event;

/** Every fact the ledger records. Wire names and schema versions live in the serde layer. */
public sealed interface LedgerEvent permits AccountEvent, TransferEvent {}
