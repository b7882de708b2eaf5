package io.eventledger.projector.topology;

import static io.eventledger.projector.topology.ProjectionDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.contract.envelope.EventHeaders;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BalanceTopologyTest {

    private final UUID account = UUID.randomUUID();
    private final String key = account.toString();
    private final ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC);

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void openAndDepositGiveABalanceInTheStoreAndOnTheTopic() {
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 2, deposit("500.00")));

        Balance stored = driver.balanceStore.get(key);
        assertThat(stored.balance()).isEqualByComparingTo("500.00");
        assertThat(stored.balance().toPlainString()).isEqualTo("500.00");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.hash()).isEqualTo(TestEnvelopes.hash(account, 2));
        var published = driver.balances.readKeyValuesToList();
        assertThat(published).hasSize(2);
        assertThat(published.get(1).key).isEqualTo(key);
        assertThat(new String(published.get(1).value, StandardCharsets.UTF_8)).contains("\"balance\":\"500.00\"");
        assertThat(ReadModelSerde.BALANCE.read(published.get(1).value)).isEqualTo(stored);
        assertThat(driver.deadLetters.isEmpty()).isTrue();
        assertThat(driver.told).containsExactly("applied", "applied");
        assertThat(driver.appliedVersions).containsExactly(key + " v1", key + " v2");
    }

    @Test
    void eachReadModelRecordCarriesTheAccountVersionItReflects() {
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 2, deposit("500.00")));

        var balances = driver.balances.readRecordsToList();
        var days = driver.dailySummaries.readRecordsToList();
        assertThat(balances)
                .extracting(r -> header(r.headers(), EventHeaders.AGGREGATE_VERSION))
                .containsExactly("1", "2");
        assertThat(days)
                .extracting(r -> header(r.headers(), EventHeaders.AGGREGATE_VERSION))
                .containsExactly("1", "2");
        assertThat(balances.get(0).headers().toArray()).hasSize(1); // none of the event's own headers
    }

    @Test
    void theSameRecordTwiceIsAppliedOnce() {
        byte[] deposit = TestEnvelopes.bytes(account, 2, deposit("500.00"));
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));
        driver.events.pipeInput(key, deposit);
        driver.events.pipeInput(key, deposit);

        assertThat(driver.balanceStore.get(key).balance()).isEqualByComparingTo("500.00");
        assertThat(driver.balanceStore.get(key).version()).isEqualTo(2);
        assertThat(driver.balances.readValuesToList()).hasSize(2);
        assertThat(driver.deadLetters.isEmpty()).isTrue();
        assertThat(driver.told).containsExactly("applied", "applied", "duplicate");
    }

    @Test
    void aGapIsParkedWithItsReasonAndTheNextVersionStillApplies() {
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 2, deposit("500.00")));
        byte[] early = TestEnvelopes.bytes(account, 4, deposit("1.00"));
        driver.events.pipeInput(key, early);
        driver.events.pipeInput(
                key, TestEnvelopes.bytes(account, 3, new MoneyWithdrawn(new BigDecimal("120.50"), "EUR", "atm")));

        var parked = driver.deadLetters.readRecordsToList();
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).key()).isEqualTo(key);
        assertThat(parked.get(0).value()).isEqualTo(early);
        assertThat(header(parked.get(0).headers(), DeadLetters.REASON))
                .contains("gap")
                .contains("expected 3");
        assertThat(header(parked.get(0).headers(), DeadLetters.ORIGINAL_TOPIC))
                .isEqualTo(ProjectionDriver.TOPICS.accountEvents());
        assertThat(header(parked.get(0).headers(), DeadLetters.ORIGINAL_OFFSET)).isEqualTo("2");
        assertThat(driver.balanceStore.get(key).version()).isEqualTo(3);
        assertThat(driver.balanceStore.get(key).balance().toPlainString()).isEqualTo("379.50");
        assertThat(driver.told).containsExactly("applied", "applied", "parked gap", "applied");
    }

    @Test
    void aPoisonRecordIsParkedAndProcessingContinues() {
        byte[] poison = "this is not JSON".getBytes(StandardCharsets.UTF_8);
        driver.events.pipeInput(key, poison);
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));

        var parked = driver.deadLetters.readRecordsToList();
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).value()).isEqualTo(poison);
        assertThat(header(parked.get(0).headers(), DeadLetters.REASON)).startsWith("not an event envelope");
        assertThat(header(parked.get(0).headers(), DeadLetters.ORIGINAL_PARTITION))
                .isEqualTo("0");
        assertThat(driver.balanceStore.get(key).version()).isEqualTo(1);
        assertThat(driver.balanceStore.get(key).balance().toPlainString()).isEqualTo("0.00");
        assertThat(driver.told).containsExactly("parked undecodable", "applied");
    }

    @Test
    void aFirstEventOtherThanAccountOpenedIsParked() {
        driver.events.pipeInput(key, TestEnvelopes.bytes(account, 1, deposit("5.00")));

        assertThat(header(driver.deadLetters.readRecord().headers(), DeadLetters.REASON))
                .contains("not AccountOpened");
        assertThat(driver.balanceStore.get(key)).isNull();
        assertThat(driver.balances.isEmpty()).isTrue();
        assertThat(driver.told).containsExactly("parked rejected");
    }

    @Test
    void aRecordWhoseKeyIsNotItsAccountIsParked() {
        driver.events.pipeInput("someone-else", TestEnvelopes.bytes(account, 1, new AccountOpened("owner-1", "EUR")));

        assertThat(header(driver.deadLetters.readRecord().headers(), DeadLetters.REASON))
                .contains("is not the aggregate id");
        assertThat(driver.balanceStore.get(key)).isNull();
    }

    private static MoneyDeposited deposit(String amount) {
        return new MoneyDeposited(new BigDecimal(amount), "EUR", "ref");
    }
}
