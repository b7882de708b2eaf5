package io.eventledger.command.relay;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows handed to the producer, with one pending ack each. {@code sendFailure} is set when the producer
 * refused a row outright: the rows before it may still arrive, but the batch as a whole never counts as
 * acknowledged, so none of its rows is deleted.
 */
record SentBatch(
        List<OutboxRows.Row> rows, List<Future<RecordMetadata>> acks, long sentAtNanos, RuntimeException sendFailure) {

    private static final Logger LOG = LoggerFactory.getLogger(SentBatch.class);

    /** Waits for every ack until {@code ackTimeout} after the batch was sent; false if any row failed. */
    boolean acked(Duration ackTimeout) {
        if (sendFailure != null) {
            return failed(sendFailure);
        }
        long deadline = sentAtNanos + ackTimeout.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            return true;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return failed(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean failed(Exception e) {
        LOG.warn("publishing {} rows failed, will send them again: {}", rows.size(), e.getMessage());
        return false;
    }
}
