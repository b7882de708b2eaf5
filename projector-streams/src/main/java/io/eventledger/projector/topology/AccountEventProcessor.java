package io.eventledger.projector.topology;

import io.eventledger.contract.envelope.EnvelopeSerde;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.EventEnvelope;
import io.eventledger.contract.envelope.EventHeaders;
import io.eventledger.contract.envelope.UndecodableEventException;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.LedgerEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies each account event exactly in version order, to the account's balance and to the summary of
 * the day it occurred on. The ordering decision is made once, here, for both read models: delivery is
 * at-least-once, so an old version is a duplicate and is skipped; a gap or an undecodable record is parked
 * in the dead letters and the partition keeps moving, because one bad record must never stop every account
 * behind it. Outputs are bytes: read models for their sinks, the untouched original for the dead letters.
 */
final class AccountEventProcessor implements Processor<String, byte[], String, byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(AccountEventProcessor.class);
    // decoded values kept per store and task: the busy accounts of a partition, a few MiB at most
    private static final int CACHED_VALUES = 4096;

    private final EventCodec codec = EventCodec.standard();
    private final BalanceProjection balanceProjection = new BalanceProjection();
    private final DailySummaryProjection dailyProjection;
    private final ProjectionListener listener;
    private ProcessorContext<String, byte[]> context;
    private ReadModelCache<Balance> balances;
    private ReadModelCache<DailySummary> dailySummaries;

    AccountEventProcessor(DailySummaryProjection dailyProjection, ProjectionListener listener) {
        this.dailyProjection = dailyProjection;
        this.listener = listener;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        // fresh on every (re)initialisation: Streams may have restored the stores since the last one
        this.balances = new ReadModelCache<>(context.getStateStore(StoreNames.BALANCES_STORE), CACHED_VALUES);
        this.dailySummaries =
                new ReadModelCache<>(context.getStateStore(StoreNames.DAILY_SUMMARIES_STORE), CACHED_VALUES);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        try {
            EventEnvelope envelope = decodeEnvelope(record);
            apply(record, envelope, accountEvent(envelope));
        } catch (UndecodableEventException e) {
            park(record, DeadLetters.Kind.UNDECODABLE, e.getMessage());
        } catch (RejectedEventException e) {
            park(record, e.kind(), e.getMessage());
        }
    }

    private void apply(Record<String, byte[]> record, EventEnvelope envelope, AccountEvent event) {
        String accountId = envelope.aggregateId().toString();
        Balance current = balances.get(accountId);
        if (isDuplicate(accountId, current, envelope.version())) {
            listener.duplicate();
            return;
        }
        Balance next = balanceProjection.apply(current, envelope, event);
        String dayKey = DailySummary.key(accountId, dailyProjection.dayOf(envelope));
        DailySummary day = dailyProjection.apply(dailySummaries.get(dayKey), next, envelope, event);
        // encoded once: the stores' serdes hand back these bytes for the same instances
        byte[] dayBytes = ReadModelSerde.DAILY_SUMMARY.write(day);
        byte[] balanceBytes = ReadModelSerde.BALANCE.write(next);
        // the day first: a reader that sees version N in the balances store finds it in the day as well
        dailySummaries.put(dayKey, day);
        balances.put(accountId, next);
        forward(record, accountId, balanceBytes, envelope.version(), StoreNames.BALANCES_SINK);
        forward(record, dayKey, dayBytes, envelope.version(), StoreNames.DAILY_SUMMARIES_SINK);
        listener.applied(accountId, envelope.version());
    }

    /** True for a version already applied; throws for a gap, which the caller parks. */
    private static boolean isDuplicate(String accountId, Balance current, int version) {
        int last = current == null ? 0 : current.version();
        if (version <= last) {
            LOG.debug("skipping duplicate {} v{} (store is at v{})", accountId, version, last);
            return true;
        }
        if (version != last + 1) {
            throw new RejectedEventException(
                    DeadLetters.Kind.GAP,
                    "gap: account " + accountId + " is at version " + last + ", expected " + (last + 1) + " but got "
                            + version);
        }
        return false;
    }

    /**
     * Fresh headers: the event's headers describe the event, not the read model. The one header is the
     * account version the value reflects, so the mirrors can keep a batch's newest copy of a key without
     * decoding the older ones.
     */
    private void forward(Record<String, byte[]> input, String key, byte[] value, int version, String sink) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(EventHeaders.AGGREGATE_VERSION, Integer.toString(version).getBytes(StandardCharsets.UTF_8));
        context.forward(new Record<>(key, value, input.timestamp(), headers), sink);
    }

    private static EventEnvelope decodeEnvelope(Record<String, byte[]> record) {
        if (record.value() == null) {
            throw new UndecodableEventException("record has no value");
        }
        EventEnvelope envelope = EnvelopeSerde.read(record.value());
        if (envelope.occurredAt() == null) {
            throw new UndecodableEventException("envelope has no occurredAt, so the event has no day");
        }
        // interactive queries find an account by the record key, so key and aggregate id must agree
        if (!envelope.aggregateId().toString().equals(record.key())) {
            throw new RejectedEventException(
                    "record key " + record.key() + " is not the aggregate id " + envelope.aggregateId());
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

    private void park(Record<String, byte[]> record, DeadLetters.Kind kind, String reason) {
        LOG.warn("parking record of key {} in the dead letters ({}): {}", record.key(), kind.tag(), reason);
        var origin = context.recordMetadata().orElse(null);
        context.forward(
                record.withHeaders(DeadLetters.headers(record.headers(), reason, origin)),
                StoreNames.DEAD_LETTERS_SINK);
        listener.parked(kind);
    }
}
