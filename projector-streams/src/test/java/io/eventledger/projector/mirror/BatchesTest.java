package io.eventledger.projector.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.contract.envelope.EventHeaders;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.ReadModelSerde;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BatchesTest {

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private final List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();

    @Test
    void keepsTheNewestVersionOfEachKeyByItsHeader() {
        add(A, 1, true);
        add(B, 1, true);
        add(A, 3, true);
        add(A, 2, true); // a replay rewrites older versions after newer ones: the version decides, not the offset
        assertThat(versions()).containsExactly(A + "@3", B + "@1");
    }

    @Test
    void decodesRecordsWithoutTheHeaderToLearnTheirVersion() {
        add(A, 5, false);
        add(A, 4, true);
        add(B, 2, false);
        add(B, 7, true);
        assertThat(versions()).containsExactly(A + "@5", B + "@7");
    }

    @Test
    void aTieGoesToTheLaterRecord() {
        add(A, 2, true, "10.00");
        add(A, 2, true, "20.00");
        assertThat(decode()).singleElement().extracting(Balance::balance).isEqualTo(new BigDecimal("20.00"));
    }

    @Test
    void anUnreadableNewestCopyLeavesTheOlderReadableOne() {
        add(A, 1, true);
        batch.add(record(A.toString(), "not json".getBytes(StandardCharsets.UTF_8), 2));
        add(B, 1, true);
        assertThat(versions()).containsExactly(A + "@1", B + "@1");
    }

    @Test
    void leavesOutTombstones() {
        batch.add(record(A.toString(), null, 1));
        add(B, 1, true);
        assertThat(versions()).containsExactly(B + "@1");
    }

    private List<String> versions() {
        return decode().stream().map(b -> b.accountId() + "@" + b.version()).toList();
    }

    private List<Balance> decode() {
        var partition = new TopicPartition("balances", 0);
        return Batches.decode(new ConsumerRecords<>(Map.of(partition, batch), Map.of()), ReadModelSerde.BALANCE);
    }

    private void add(UUID account, int version, boolean header) {
        add(account, version, header, "1.00");
    }

    private void add(UUID account, int version, boolean header, String amount) {
        Balance balance = new Balance(
                account,
                "owner",
                "EUR",
                new BigDecimal(amount),
                Balance.Status.OPEN,
                version,
                UUID.randomUUID(),
                "h" + version,
                Instant.parse("2026-12-02T10:00:00Z"));
        batch.add(record(account.toString(), ReadModelSerde.BALANCE.write(balance), header ? version : null));
    }

    private ConsumerRecord<String, byte[]> record(String key, byte[] value, Integer headerVersion) {
        RecordHeaders headers = new RecordHeaders();
        if (headerVersion != null) {
            headers.add(EventHeaders.AGGREGATE_VERSION, headerVersion.toString().getBytes(StandardCharsets.UTF_8));
        }
        return new ConsumerRecord<>(
                "balances",
                0,
                batch.size(),
                0L,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                key,
                value,
                headers,
                Optional.empty());
    }
}
