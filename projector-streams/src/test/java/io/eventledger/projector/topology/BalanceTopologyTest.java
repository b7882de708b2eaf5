package io.eventledger.projector.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.common.event.AccountEvent.AccountOpened;
import io.eventledger.common.event.AccountEvent.MoneyDeposited;
import io.eventledger.common.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.common.topic.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BalanceTopologyTest {

    private static final Topics TOPICS = new Topics("test.");
    private final UUID account = UUID.randomUUID();
    private final String key = account.toString();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> events;
    private TestOutputTopic<String, byte[]> balances;
    private TestOutputTopic<String, byte[]> deadLetters;
    private KeyValueStore<String, Balance> store;

    @BeforeEach
    void start() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "balance-topology-test");
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(BalanceTopology.build(TOPICS,
                Stores.inMemoryKeyValueStore(StoreNames.BALANCES_STORE)), props);
        events = driver.createInputTopic(TOPICS.accountEvents(), new StringSerializer(), new ByteArraySerializer());
        balances = driver.createOutputTopic(TOPICS.balances(), new StringDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new StringDeserializer(), new ByteArrayDeserializer());
        store = driver.getKeyValueStore(StoreNames.BALANCES_STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void openAndDepositGiveABalanceInTheStoreAndOnTheTopic() {
        events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));
        events.pipeInput(key, TestEnvelopes.bytes(account, 2, deposit("500.00")));

        Balance stored = store.get(key);
        assertThat(stored.balance()).isEqualByComparingTo("500.00");
        assertThat(stored.balance().toPlainString()).isEqualTo("500.00");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.hash()).isEqualTo(TestEnvelopes.hash(account, 2));
        var published = balances.readKeyValuesToList();
        assertThat(published).hasSize(2);
        assertThat(published.get(1).key).isEqualTo(key);
        assertThat(new String(published.get(1).value, StandardCharsets.UTF_8)).contains("\"balance\":\"500.00\"");
        assertThat(BalanceSerde.read(published.get(1).value)).isEqualTo(stored);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void theSameRecordTwiceIsAppliedOnce() {
        byte[] deposit = TestEnvelopes.bytes(account, 2, deposit("500.00"));
        events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));
        events.pipeInput(key, deposit);
        events.pipeInput(key, deposit);

        assertThat(store.get(key).balance()).isEqualByComparingTo("500.00");
        assertThat(store.get(key).version()).isEqualTo(2);
        assertThat(balances.readValuesToList()).hasSize(2);
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void aGapIsParkedWithItsReasonAndTheNextVersionStillApplies() {
        events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));
        events.pipeInput(key, TestEnvelopes.bytes(account, 2, deposit("500.00")));
        byte[] early = TestEnvelopes.bytes(account, 4, deposit("1.00"));
        events.pipeInput(key, early);
        events.pipeInput(key, TestEnvelopes.bytes(account, 3,
                new MoneyWithdrawn(new BigDecimal("120.50"), "EUR", "atm")));

        var parked = deadLetters.readRecordsToList();
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).key()).isEqualTo(key);
        assertThat(parked.get(0).value()).isEqualTo(early);
        assertThat(header(parked.get(0).headers(), DeadLetters.REASON)).contains("gap").contains("expected 3");
        assertThat(header(parked.get(0).headers(), DeadLetters.ORIGINAL_TOPIC)).isEqualTo(TOPICS.accountEvents());
        assertThat(header(parked.get(0).headers(), DeadLetters.ORIGINAL_OFFSET)).isEqualTo("2");
        assertThat(store.get(key).version()).isEqualTo(3);
        assertThat(store.get(key).balance().toPlainString()).isEqualTo("379.50");
    }

    @Test
    void aPoisonRecordIsParkedAndProcessingContinues() {
        byte[] poison = "this is not JSON".getBytes(StandardCharsets.UTF_8);
        events.pipeInput(key, poison);
        events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));

        var parked = deadLetters.readRecordsToList();
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(poison);
        assertThat(header(parked.get(0).headers(), DeadLetters.REASON)).startsWith("not an event envelope");
        assertThat(header(parked.get(0).headers(), DeadLetters.ORIGINAL_PARTITION)).isEqualTo("0");
        assertThat(store.get(key).version()).isEqualTo(1);
        assertThat(store.get(key).balance().toPlainString()).isEqualTo("0.00");
    }

    @Test
    void aFirstEventOtherThanAccountOpenedIsParked() {
        events.pipeInput(key, TestEnvelopes.bytes(account, 1, deposit("5.00")));

        assertThat(header(deadLetters.readRecord().headers(), DeadLetters.REASON)).contains("not AccountOpened");
        assertThat(store.get(key)).isNull();
        assertThat(balances.isEmpty()).isTrue();
    }

    @Test
    void aRecordWhoseKeyIsNotItsAccountIsParked() {
        events.pipeInput("someone-else", TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));

        assertThat(header(deadLetters.readRecord().headers(), DeadLetters.REASON)).contains("is not the aggregate id");
        assertThat(store.get(key)).isNull();
    }

    private static MoneyDeposited deposit(String amount) {
        return new MoneyDeposited(new BigDecimal(amount), "EUR", "ref");
    }

    private static String header(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
