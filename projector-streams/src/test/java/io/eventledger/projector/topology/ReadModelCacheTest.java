package io.eventledger.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadModelCacheTest {

    private KeyValueStore<String, String> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("values"), Serdes.String(), Serdes.String())
                .withLoggingDisabled()
                .build();
        MockProcessorContext<String, String> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void writesGoToTheStoreAndAreReadBackWithoutIt() {
        ReadModelCache<String> cache = new ReadModelCache<>(store, 10);
        cache.put("a", "1");
        assertThat(store.get("a")).isEqualTo("1");
        store.delete("a"); // only to prove the next read is served from memory
        assertThat(cache.get("a")).isEqualTo("1");
    }

    @Test
    void aMissReadsTheStoreAndKeepsTheValue() {
        store.put("a", "restored");
        ReadModelCache<String> cache = new ReadModelCache<>(store, 10);
        assertThat(cache.get("a")).isEqualTo("restored");
        assertThat(cache.get("absent")).isNull();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void keepsOnlyTheMostRecentlyUsedValuesAndTheStoreKeepsAll() {
        ReadModelCache<String> cache = new ReadModelCache<>(store, 2);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.get("a"); // a is now more recent than b
        cache.put("c", "3"); // so b is evicted from memory
        assertThat(cache.size()).isEqualTo(2);
        store.put("b", "changed in the store");
        store.put("a", "changed in the store");
        assertThat(cache.get("a")).isEqualTo("1");
        assertThat(cache.get("b")).isEqualTo("changed in the store");
        assertThat(store.approximateNumEntries()).isEqualTo(3);
    }

    @Test
    void neverHoldsMoreThanItsCapacityAndAlwaysAnswersWhatWasLastWritten() {
        ReadModelCache<String> cache = new ReadModelCache<>(store, 16);
        for (int i = 0; i < 1000; i++) {
            cache.put("k" + i % 100, "v" + i);
            assertThat(cache.size()).isLessThanOrEqualTo(16);
        }
        for (int k = 0; k < 100; k++) {
            assertThat(cache.get("k" + k)).isEqualTo("v" + (900 + k));
        }
    }

    @Test
    void refusesAnEmptyCapacity() {
        assertThatThrownBy(() -> new ReadModelCache<>(store, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
