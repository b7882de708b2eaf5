package io.eventledger.projector.topology;

import static io.eventledger.projector.topology.ProjectionDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent;
import io.eventledger.contract.event.AccountEvent.AccountOpened;
import io.eventledger.contract.event.AccountEvent.FeeCharged;
import io.eventledger.contract.event.AccountEvent.MoneyDeposited;
import io.eventledger.contract.event.AccountEvent.MoneyWithdrawn;
import io.eventledger.contract.event.AccountEvent.RefundIssued;
import io.eventledger.contract.event.AccountEvent.TransferCredited;
import io.eventledger.contract.event.AccountEvent.TransferDebited;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The daily-summaries store, fed through the whole topology (in-memory stores). */
class DailySummaryTopologyTest {

    private final UUID account = UUID.randomUUID();
    private final String key = account.toString();

    @Test
    void theLastMillisecondBeforeMidnightAndMidnightLandOnDifferentDaysInUtc() {
        try (ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC)) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-01T09:00:00Z");
            pipe(driver, 2, deposit("100.00"), "2025-03-01T23:59:59.999Z");
            pipe(driver, 3, deposit("20.00"), "2025-03-02T00:00:00Z");

            DailySummary first = day(driver, "2025-03-01");
            assertThat(first.deposits()).isEqualTo(new Flow(1, new BigDecimal("100.00")));
            assertThat(first.eventCount()).isEqualTo(2);
            assertThat(first.closingBalance().toPlainString()).isEqualTo("100.00");
            assertThat(first.version()).isEqualTo(2);
            DailySummary second = day(driver, "2025-03-02");
            assertThat(second.deposits()).isEqualTo(new Flow(1, new BigDecimal("20.00")));
            assertThat(second.eventCount()).isEqualTo(1);
            assertThat(second.closingBalance().toPlainString()).isEqualTo("120.00");
            assertThat(second.version()).isEqualTo(3);
        }
    }

    @Test
    void daysFollowTheSummaryZoneNotUtc() {
        // Berlin is UTC+1 in March 2025: its midnight is 23:00 UTC, and both events are on 1 March in UTC
        try (ProjectionDriver driver = new ProjectionDriver(ZoneId.of("Europe/Berlin"))) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-01T09:00:00Z");
            pipe(driver, 2, deposit("100.00"), "2025-03-01T22:59:59.999Z");
            pipe(driver, 3, deposit("20.00"), "2025-03-01T23:00:00Z");

            assertThat(day(driver, "2025-03-01").deposits()).isEqualTo(new Flow(1, new BigDecimal("100.00")));
            assertThat(day(driver, "2025-03-02").deposits()).isEqualTo(new Flow(1, new BigDecimal("20.00")));
            assertThat(day(driver, "2025-03-02").closingBalance().toPlainString())
                    .isEqualTo("120.00");
        }
    }

    @Test
    void aLateEventLandsOnTheDayItOccurredWithTheBalanceItLeft() {
        try (ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC)) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-02T10:00:00Z");
            pipe(driver, 2, deposit("100.00"), "2025-03-02T11:00:00Z");
            pipe(driver, 3, deposit("50.00"), "2025-03-01T20:00:00Z");

            DailySummary late = day(driver, "2025-03-01");
            assertThat(late.deposits()).isEqualTo(new Flow(1, new BigDecimal("50.00")));
            assertThat(late.eventCount()).isEqualTo(1);
            assertThat(late.closingBalance().toPlainString()).isEqualTo("150.00");
            assertThat(late.version()).isEqualTo(3);
            DailySummary untouched = day(driver, "2025-03-02");
            assertThat(untouched.closingBalance().toPlainString()).isEqualTo("100.00");
            assertThat(untouched.version()).isEqualTo(2);
            var published = driver.dailySummaries.readKeyValuesToList();
            assertThat(published)
                    .extracting(kv -> kv.key)
                    .containsExactly(key + ":2025-03-02", key + ":2025-03-02", key + ":2025-03-01");
            assertThat(ReadModelSerde.DAILY_SUMMARY.read(published.get(2).value))
                    .isEqualTo(late);
        }
    }

    @Test
    void everyKindOfMovementIsCountedAndTotalled() {
        UUID transfer = UUID.randomUUID();
        try (ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC)) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-01T08:00:00Z");
            pipe(driver, 2, deposit("500.00"), "2025-03-01T08:01:00Z");
            pipe(driver, 3, deposit("5"), "2025-03-01T08:02:00Z");
            pipe(driver, 4, new MoneyWithdrawn(new BigDecimal("50.00"), "EUR", "atm"), "2025-03-01T08:03:00Z");
            pipe(driver, 5, new FeeCharged(new BigDecimal("1.25"), "EUR", "monthly"), "2025-03-01T08:04:00Z");
            pipe(driver, 6, new RefundIssued(new BigDecimal("10.00"), "EUR", "goodwill"), "2025-03-01T08:05:00Z");
            pipe(
                    driver,
                    7,
                    new TransferCredited(transfer, new BigDecimal("100.50"), "EUR", UUID.randomUUID()),
                    "2025-03-01T08:06:00Z");
            pipe(
                    driver,
                    8,
                    new TransferDebited(transfer, new BigDecimal("39.25"), "EUR", UUID.randomUUID()),
                    "2025-03-01T08:07:00Z");

            DailySummary summary = day(driver, "2025-03-01");
            assertThat(summary.deposits()).isEqualTo(new Flow(2, new BigDecimal("505.00")));
            assertThat(summary.withdrawals()).isEqualTo(new Flow(1, new BigDecimal("50.00")));
            assertThat(summary.fees()).isEqualTo(new Flow(1, new BigDecimal("1.25")));
            assertThat(summary.refunds()).isEqualTo(new Flow(1, new BigDecimal("10.00")));
            assertThat(summary.transfersIn()).isEqualTo(new Flow(1, new BigDecimal("100.50")));
            assertThat(summary.transfersOut()).isEqualTo(new Flow(1, new BigDecimal("39.25")));
            assertThat(summary.closingBalance().toPlainString()).isEqualTo("505.00");
            assertThat(summary.eventCount()).isEqualTo(8);
            assertThat(summary.currency()).isEqualTo("EUR");
        }
    }

    @Test
    void aDuplicateIsCountedOnce() {
        try (ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC)) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-01T09:00:00Z");
            byte[] deposit = TestEnvelopes.bytes(
                    TestEnvelopes.at(account, 2, deposit("100.00"), Instant.parse("2025-03-01T10:00:00Z")));
            driver.events.pipeInput(key, deposit);
            driver.events.pipeInput(key, deposit);

            assertThat(day(driver, "2025-03-01").deposits()).isEqualTo(new Flow(1, new BigDecimal("100.00")));
            assertThat(day(driver, "2025-03-01").eventCount()).isEqualTo(2);
            assertThat(driver.dailySummaries.readValuesToList()).hasSize(2);
        }
    }

    @Test
    void aGapIsParkedAndNeverCountedAndTheNextVersionStillIs() {
        try (ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC)) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-01T09:00:00Z");
            pipe(driver, 3, deposit("999.00"), "2025-03-01T10:00:00Z");
            pipe(driver, 2, deposit("100.00"), "2025-03-01T11:00:00Z");

            assertThat(header(driver.deadLetters.readRecord().headers(), DeadLetters.REASON))
                    .startsWith("gap");
            DailySummary summary = day(driver, "2025-03-01");
            assertThat(summary.deposits()).isEqualTo(new Flow(1, new BigDecimal("100.00")));
            assertThat(summary.version()).isEqualTo(2);
            assertThat(summary.eventCount()).isEqualTo(2);
        }
    }

    @Test
    void aPoisonRecordIsParkedAndTheDayStillFills() {
        try (ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC)) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-01T09:00:00Z");
            driver.events.pipeInput(key, "{\"half\": ".getBytes(StandardCharsets.UTF_8));
            pipe(driver, 2, deposit("100.00"), "2025-03-01T11:00:00Z");

            assertThat(header(driver.deadLetters.readRecord().headers(), DeadLetters.REASON))
                    .startsWith("not an event envelope");
            assertThat(day(driver, "2025-03-01").deposits()).isEqualTo(new Flow(1, new BigDecimal("100.00")));
        }
    }

    @Test
    void aVersionOneDepositIsUpcastTo237Point50Euro() {
        try (ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC)) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-01T09:00:00Z");
            ObjectNode v1 = Json.mapper()
                    .createObjectNode()
                    .put("amount", new BigDecimal("237.5"))
                    .put("reference", "from the old system");
            driver.events.pipeInput(
                    key,
                    TestEnvelopes.bytes(TestEnvelopes.raw(
                            account, 2, "MoneyDeposited", 1, v1, Instant.parse("2025-03-01T10:00:00Z"))));

            DailySummary summary = day(driver, "2025-03-01");
            assertThat(summary.deposits().total().toPlainString()).isEqualTo("237.50");
            assertThat(summary.closingBalance().toPlainString()).isEqualTo("237.50");
            assertThat(summary.currency()).isEqualTo("EUR");
            assertThat(driver.balanceStore.get(key).balance().toPlainString()).isEqualTo("237.50");
            assertThat(driver.deadLetters.isEmpty()).isTrue();
        }
    }

    @Test
    void aSummaryIsJsonWithAmountsAsStrings() {
        try (ProjectionDriver driver = new ProjectionDriver(ZoneOffset.UTC)) {
            pipe(driver, 1, new AccountOpened("owner", "EUR"), "2025-03-01T09:00:00Z");
            pipe(driver, 2, deposit("100.00"), "2025-03-01T11:00:00Z");

            String json = new String(driver.dailySummaries.readValuesToList().get(1), StandardCharsets.UTF_8);
            assertThat(json)
                    .contains("\"day\":\"2025-03-01\"")
                    .contains("\"deposits\":{\"count\":1,\"total\":\"100.00\"}")
                    .contains("\"closingBalance\":\"100.00\"");
        }
    }

    private void pipe(ProjectionDriver driver, int version, AccountEvent event, String occurredAt) {
        driver.events.pipeInput(
                key, TestEnvelopes.bytes(TestEnvelopes.at(account, version, event, Instant.parse(occurredAt))));
    }

    private DailySummary day(ProjectionDriver driver, String day) {
        DailySummary summary = driver.dailyStore.get(DailySummary.key(key, LocalDate.parse(day)));
        assertThat(summary).as("summary of %s", day).isNotNull();
        return summary;
    }

    private static MoneyDeposited deposit(String amount) {
        return new MoneyDeposited(new BigDecimal(amount), "EUR", "ref");
    }
}
