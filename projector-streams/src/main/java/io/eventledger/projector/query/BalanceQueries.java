package io.eventledger.projector.query;

import io.eventledger.platform.auth.Role;
import io.eventledger.platform.http.ProblemException;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.StoreNames;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /balances/{id}} and {@code GET /balances/{id}/daily} on any instance: answered from the local
 * stores when this instance owns the account, else forwarded to the owner. When the owner cannot answer
 * (gone, or rebalancing without a copy that satisfies {@code minVersion}), a standby copy answers, here or
 * forwarded, marked {@code stale}, but only at {@code minVersion} or later. Otherwise the answer is 503 with
 * {@code Retry-After}, never a 500 and never a false 404: a stale copy without the account is no proof that
 * there is none.
 */
public final class BalanceQueries {

    static final Role[] READERS = {Role.READER, Role.AUDITOR, Role.OPERATOR};

    private final LocalStores stores;
    private final HostInfo self;
    private final PeerForwarder peers;
    private final ZoneId summaryZone;
    private final AppliedVersions versions;

    public BalanceQueries(
            LocalStores stores, HostInfo self, PeerForwarder peers, ZoneId summaryZone, AppliedVersions versions) {
        this.stores = stores;
        this.self = self;
        this.peers = peers;
        this.summaryZone = summaryZone;
        this.versions = versions;
    }

    public void register(Javalin app) {
        app.get("/balances/{id}", this::balance, READERS);
        app.get("/balances/{id}/daily", this::daily, READERS);
    }

    private void balance(Context ctx) {
        String accountId = accountId(ctx);
        ReadYourWrites wait = ReadYourWrites.from(ctx);
        KeyQueryMetadata placement = wait.available(() -> stores.placement(accountId));
        ask(ctx, wait, placement, () -> {
            LocalRead<Balance> balance = wait.await(versions, accountId, () -> readBalance(accountId, placement));
            ctx.json(BalanceView.of(existing(accountId, balance.value()), servedBy(), balance.stale()));
        });
    }

    private void daily(Context ctx) {
        String accountId = accountId(ctx);
        DayRange range = DayRange.from(ctx);
        ReadYourWrites wait = ReadYourWrites.from(ctx);
        KeyQueryMetadata placement = wait.available(() -> stores.placement(accountId));
        ask(ctx, wait, placement, () -> {
            // the processor writes the day before the balance, so the days are at least at this version
            LocalRead<Balance> read = wait.await(versions, accountId, () -> readBalance(accountId, placement));
            Balance balance = existing(accountId, read.value());
            // from the same kind of copy as the balance, so a fresh balance never comes with stale days
            List<DailySummary> days =
                    wait.available(() -> readDays(accountId, range, placement.partition(), read.stale()));
            ctx.json(new DailyView(
                    balance.accountId(),
                    balance.currency(),
                    range.from(),
                    range.to(),
                    summaryZone.getId(),
                    balance.version(),
                    days,
                    servedBy(),
                    BalanceView.staleMark(read.stale())));
        });
    }

    /**
     * Answers from the first instance of {@link Copies#askOrder} that can: here by {@code here}, elsewhere
     * by forwarding. One that answers 503 passes the query to the next while the caller's wait lasts; one that
     * gives no answer at all (gone, or hung as it died) passes it on in any case, since waiting longer would not
     * make it answer and the next copy may; then the last 503 stands. Any other answer, a 404 included, is the
     * answer.
     */
    private void ask(Context ctx, ReadYourWrites wait, KeyQueryMetadata placement, Runnable here) {
        Runnable unavailable = () -> {
            throw ProblemException.unavailable("no instance holds this account", LocalStores.RETRY_AFTER_SECONDS);
        };
        boolean askNext = true; // the first copy is always asked
        for (HostInfo host : Copies.askOrder(placement, self, PeerForwarder.isForwarded(ctx))) {
            if (!askNext && !wait.mayAskAnother()) {
                break;
            }
            askNext = false;
            try {
                if (host.equals(self)) {
                    here.run();
                    return;
                }
                HttpResponse<String> answer = peers.forward(ctx, host);
                if (answer.statusCode() != 503) {
                    PeerForwarder.relay(ctx, answer);
                    return;
                }
                unavailable = () -> PeerForwarder.relay(ctx, answer);
            } catch (ProblemException e) {
                if (e.problem().status() != 503) {
                    throw e;
                }
                unavailable = () -> {
                    throw e;
                };
                askNext = !host.equals(self);
            }
        }
        unavailable.run();
    }

    private LocalRead<Balance> readBalance(String accountId, KeyQueryMetadata placement) {
        LocalRead<Balance> balance = stores.<Balance, Balance>read(
                StoreNames.BALANCES_STORE, placement.partition(), store -> store.get(accountId));
        if (balance.stale() && balance.value() == null) {
            throw ProblemException.unavailable(
                    "the copy here does not hold this account (yet), and the active copy cannot be asked",
                    LocalStores.RETRY_AFTER_SECONDS);
        }
        return balance;
    }

    private List<DailySummary> readDays(String accountId, DayRange range, int partition, boolean stale) {
        return stores.<DailySummary, List<DailySummary>>readAgain(
                        StoreNames.DAILY_SUMMARIES_STORE, partition, stale, store -> {
                            List<DailySummary> days = new ArrayList<>();
                            // keys are accountId:yyyy-MM-dd, so one account's days form one key range, in date order
                            try (var iterator = store.range(
                                    DailySummary.key(accountId, range.from()),
                                    DailySummary.key(accountId, range.to()))) {
                                iterator.forEachRemaining(entry -> days.add(entry.value));
                            }
                            return days;
                        })
                .value();
    }

    private String servedBy() {
        return self.host() + ":" + self.port();
    }

    private static Balance existing(String accountId, Balance balance) {
        if (balance == null) {
            throw ProblemException.notFound("no account " + accountId);
        }
        return balance;
    }

    private static String accountId(Context ctx) {
        String id = ctx.pathParam("id");
        try {
            return UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("id", "account id must be a UUID, got '" + id + "'");
        }
    }
}
