package io.eventledger.projector.query;

import io.eventledger.projector.topology.DailySummary;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The answer of {@code GET /balances/{id}/daily}: the account's days with events in the range (days
 * without events are left out), in {@code zone}; {@code version} is the account version the days reflect;
 * {@code stale} as in {@link BalanceView}.
 */
public record DailyView(
        UUID accountId,
        String currency,
        LocalDate from,
        LocalDate to,
        String zone,
        int version,
        List<DailySummary> days,
        String servedBy,
        Boolean stale) {}
