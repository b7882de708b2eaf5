package io.eventledger.projector.mirror;

import io.eventledger.projector.topology.Balance;
import java.util.List;

/**
 * One place the balance mirror writes to. A write must be idempotent and version-guarded: the mirror
 * retries a whole batch after any failure, and records can arrive again after a rebalance.
 */
public interface BalanceSink {

    /** Writes all of {@code balances} or throws; a partial write is fine because the retry repeats it. */
    void write(List<Balance> balances) throws Exception;

    /** For logs: where this sink writes. */
    String name();
}
