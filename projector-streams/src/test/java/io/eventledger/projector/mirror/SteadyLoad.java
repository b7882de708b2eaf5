package io.eventledger.projector.mirror;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Publishes the records of tick 1, 2, 3, … every {@code periodMs} until closed: load that keeps coming. */
final class SteadyLoad implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = MirrorFixture.producer();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger ticks = new AtomicInteger();

    SteadyLoad(IntFunction<List<ProducerRecord<String, byte[]>>> recordsOfTick, long periodMs) {
        scheduler.scheduleAtFixedRate(
                () -> {
                    recordsOfTick.apply(ticks.get() + 1).forEach(producer::send);
                    producer.flush();
                    ticks.incrementAndGet();
                },
                0,
                periodMs,
                TimeUnit.MILLISECONDS);
    }

    /** How many ticks have been published completely. */
    int ticks() {
        return ticks.get();
    }

    /** Stops after the tick in progress: {@link #ticks()} is final afterwards. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(10, TimeUnit.SECONDS);
        producer.close();
    }
}
