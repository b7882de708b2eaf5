package io.eventledger.projector.query;

import io.eventledger.platform.auth.Role;
import io.eventledger.platform.http.ProblemException;
import io.eventledger.projector.topology.Balance;
import io.eventledger.projector.topology.DailySummary;
import io.eventledger.projector.topology.StoreNames;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@code GET /balances/{id}} and {@code GET /balances/{id}/daily} on any instance: answered from the local
 * stores when this instance owns the account, else forwarded to the owner. While the group rebalances
 * the answer is 503 with {@code Retry-After}, never a 500 and never a false 404.
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
        KeyQueryMetadata owner = wait.available(() -> stores.owner(accountId));
        if (!answersHere(ctx, owner)) {
            peers.forward(ctx, owner.activeHost());
            return;
        }
        Balance balance = existing(accountId, wait.await(versions, accountId, () -> readBalance(accountId, owner)));
        ctx.json(BalanceView.of(balance, servedBy()));
    }

    private void daily(Context ctx) {
        String accountId = accountId(ctx);
        DayRange range = DayRange.from(ctx);
        ReadYourWrites wait = ReadYourWrites.from(ctx);
        KeyQueryMetadata owner = wait.available(() -> stores.owner(accountId));
        if (!answersHere(ctx, owner)) {
            peers.forward(ctx, owner.activeHost());
            return;
        }
        // the processor writes the day before the balance, so the days are at least at this version
        Balance balance = existing(accountId, wait.await(versions, accountId, () -> readBalance(accountId, owner)));
        ctx.json(new DailyView(
                balance.accountId(),
                balance.currency(),
                range.from(),
                range.to(),
                summaryZone.getId(),
                balance.version(),
                wait.available(() -> readDays(accountId, range, owner)),
                servedBy()));
    }

    /** A forwarded request is answered here whatever this instance believes: forwarding twice could loop. */
    private boolean answersHere(Context ctx, KeyQueryMetadata owner) {
        return self.equals(owner.activeHost()) || PeerForwarder.isForwarded(ctx);
    }

    private Balance readBalance(String accountId, KeyQueryMetadata owner) {
        var store = stores.<Balance>store(StoreNames.BALANCES_STORE, owner.partition());
        return LocalStores.queryable(() -> store.get(accountId));
    }

    private List<DailySummary> readDays(String accountId, DayRange range, KeyQueryMetadata owner) {
        var store = stores.<DailySummary>store(StoreNames.DAILY_SUMMARIES_STORE, owner.partition());
        return LocalStores.queryable(() -> {
            List<DailySummary> days = new ArrayList<>();
            // keys are accountId:yyyy-MM-dd, so one account's days form one key range, in date order
            try (var iterator =
                    store.range(DailySummary.key(accountId, range.from()), DailySummary.key(accountId, range.to()))) {
                iterator.forEachRemaining(entry -> days.add(entry.value));
            }
            return days;
        });
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
