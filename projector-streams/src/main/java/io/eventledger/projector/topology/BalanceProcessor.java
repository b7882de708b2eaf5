package io.eventledger.projector.topology;

import io.eventledger.common.envelope.EnvelopeSerde;
import io.eventledger.common.envelope.EventCodec;
import io.eventledger.common.envelope.EventEnvelope;
import io.eventledger.common.envelope.UndecodableEventException;
import io.eventledger.common.event.AccountEvent;
import io.eventledger.common.event.LedgerEvent;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each account event exactly in version order. Delivery is at-least-once, so an old version is a
 * duplicate and is skipped; a gap or an undecodable record is parked in the dead letters and the
 * partition keeps moving, because one bad record must never stop every account behind it.
 * Outputs are bytes: a balance for the balances sink, the untouched original for the dead-letters sink.
 */
final class BalanceProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(BalanceProcessor.class);

    private final EventCodec codec = EventCodec.standard();
    private final BalanceProjection projection = new BalanceProjection();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<String, Balance> balances;

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.balances = context.getStateStore(StoreNames.BALANCES_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            EventEnvelope envelope = decodeEnvelope(record);
            apply(record, envelope, accountEvent(envelope));
        } catch (UndecodableEventException | RejectedEventException e) {
            park(record, e.getMessage());
        }
    }

    private void apply(Record<String, byte[]> record, EventEnvelope envelope, AccountEvent event) {
        String accountId = envelope.aggregateId().toString();
        Balance current = balances.get(accountId);
        int last = current == null ? 0 : current.version();
        if (envelope.version() <= last) {
            LOG.debug("skipping duplicate {} v{} (store is at v{})", accountId, envelope.version(), last);
            return;
        }
        if (envelope.version() != last + 1) {
            throw new RejectedEventException("gap: account " + accountId + " is at version " + last
                    + ", expected " + (last + 1) + " but got " + envelope.version());
        }
        Balance next = projection.apply(current, envelope, event);
        balances.put(accountId, next);
        // fresh headers: the event's headers describe the event, not the balance
        context.forward(new Record<>(accountId, BalanceSerde.write(next), record.timestamp(), new RecordHeaders()),
                StoreNames.BALANCES_SINK);
    }

    private static EventEnvelope decodeEnvelope(Record<String, byte[]> record) {
        if (record.value() == null) {
            throw new UndecodableEventException("record has no value");
        }
        EventEnvelope envelope = EnvelopeSerde.read(record.value());
        // interactive queries find an account by the record key, so key and aggregate id must agree
        if (!envelope.aggregateId().toString().equals(record.key())) {
            throw new RejectedEventException("record key " + record.key() + " is not the aggregate id "
                    + envelope.aggregateId());
        }
        return envelope;
    }

    private AccountEvent accountEvent(EventEnvelope envelope) {
        LedgerEvent event = codec.decode(envelope);
        if (!(event instanceof AccountEvent accountEvent)) {
            throw new RejectedEventException(envelope.eventType() + " is not an account event");
        }
        return accountEvent;
    }

    private void park(Record<String, byte[]> record, String reason) {
        LOG.warn("parking record of key {} in the dead letters: {}", record.key(), reason);
        var origin = context.recordMetadata().orElse(null);
        context.forward(record.withHeaders(DeadLetters.headers(record.headers(), reason, origin)),
                StoreNames.DEAD_LETTERS_SINK);
    }
}
