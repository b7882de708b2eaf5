package io.eventledger.command.http;

import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.account.DomainException;
import io.eventledger.command.store.AccountCommands;
import io.eventledger.common.auth.Role;
import io.eventledger.common.http.ProblemException;
import io.eventledger.common.money.Currencies;
import io.eventledger.common.money.InvalidMoneyException;
import io.eventledger.common.money.Money;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Currency;
import java.util.UUID;
import java.util.function.BiFunction;

/** {@code /accounts}: open, the money commands, close, and the current state (DESIGN §4). */
public final class AccountRoutes {

    private final AccountCommands commands;
    private final MeterRegistry metrics;

    record Opened(UUID accountId, int version) {}

    record Changed(UUID accountId, int version, String balance) {}

    record View(UUID accountId, String ownerId, String currency, String balance, String status, int version) {}

    public AccountRoutes(AccountCommands commands, MeterRegistry metrics) {
        this.commands = commands;
        this.metrics = metrics;
    }

    public void register(Javalin app) {
        app.post("/accounts", counted("open", this::open), Role.OPERATOR);
        app.post("/accounts/{id}/deposits", command("deposit", CommandBodies.Movement.class,
                (b, s) -> new AccountCommand.DepositMoney(amount(b.amount(), s), b.reference())), Role.OPERATOR);
        app.post("/accounts/{id}/withdrawals", command("withdraw", CommandBodies.Movement.class,
                (b, s) -> new AccountCommand.WithdrawMoney(amount(b.amount(), s), b.reference())), Role.OPERATOR);
        app.post("/accounts/{id}/fees", command("fee", CommandBodies.Charge.class,
                (b, s) -> new AccountCommand.ChargeFee(amount(b.amount(), s), b.reason())), Role.OPERATOR);
        app.post("/accounts/{id}/refunds", command("refund", CommandBodies.Charge.class,
                (b, s) -> new AccountCommand.IssueRefund(amount(b.amount(), s), b.reason())), Role.OPERATOR);
        app.post("/accounts/{id}/close", command("close", CommandBodies.Close.class,
                (b, s) -> new AccountCommand.CloseAccount(b.reason())), Role.OPERATOR);
        app.get("/accounts/{id}", this::show, Role.READER, Role.AUDITOR, Role.OPERATOR);
    }

    private void open(Context ctx) throws Exception {
        CommandBodies.OpenAccount body = JsonBodies.read(ctx, CommandBodies.OpenAccount.class);
        if (body.ownerId().isBlank()) {
            throw ProblemException.badRequest("ownerId", "ownerId must not be blank");
        }
        var command = new AccountCommand.OpenAccount(body.ownerId(), currency(body.currency()));
        AccountState state = commands.open(UUID.randomUUID(), command, Requests.metadata(ctx)).state();
        ctx.status(201).header("Location", "/accounts/" + state.id()).header("ETag", Requests.etag(state.version()))
                .json(new Opened(state.id(), state.version()));
    }

    /** A command on an existing account; it is built from the state because amounts need its currency. */
    private <B extends Record> Handler command(String name, Class<B> bodyType,
                                               BiFunction<B, AccountState, AccountCommand> toCommand) {
        return counted(name, ctx -> {
            B body = JsonBodies.read(ctx, bodyType);
            UUID id = Requests.accountId(ctx);
            AccountState state = commands.execute(id, Requests.ifMatch(ctx), s -> toCommand.apply(body, s),
                    Requests.metadata(ctx)).state();
            ctx.header("ETag", Requests.etag(state.version()))
                    .json(new Changed(state.id(), state.version(), state.balance().text()));
        });
    }

    private void show(Context ctx) throws Exception {
        AccountState s = commands.current(Requests.accountId(ctx));
        ctx.header("ETag", Requests.etag(s.version())).json(new View(s.id(), s.ownerId(),
                s.currency().getCurrencyCode(), s.balance().text(), s.status().name(), s.version()));
    }

    /** Counts every command by outcome: accepted, rejected by a business rule, or failed otherwise. */
    private Handler counted(String command, Handler handler) {
        return ctx -> {
            String outcome = "failed";
            try {
                handler.handle(ctx);
                outcome = "accepted";
            } catch (DomainException e) {
                outcome = "rejected";
                throw e;
            } finally {
                metrics.counter("ledger.commands", "command", command, "outcome", outcome).increment();
            }
        };
    }

    private static Money amount(String text, AccountState state) {
        try {
            return Money.parsePositive(text, state.currency());
        } catch (InvalidMoneyException e) {
            throw ProblemException.badRequest("amount", e.getMessage());
        }
    }

    private static Currency currency(String code) {
        try {
            return Currencies.parse(code);
        } catch (InvalidMoneyException e) {
            throw ProblemException.badRequest("currency", e.getMessage());
        }
    }
}
