package io.eventledger.projector.mirror;

import java.util.List;

/**
 * One place a mirror writes a read model to. A write must be idempotent and version-guarded: the mirror
 * retries a whole batch after any failure, and records can arrive again after a rebalance or a replay.
 */
public interface MirrorSink<T> {

    /** Writes all of {@code values} or throws; a partial write is fine because the retry repeats it. */
    void write(List<T> values) throws Exception;

    /** For logs and metrics: where this sink writes. */
    String name();
}
