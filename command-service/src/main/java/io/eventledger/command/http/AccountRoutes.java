package io.eventledger.command.http;

import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.store.AccountCommands;
import io.eventledger.platform.auth.Role;
import io.eventledger.contract.money.Money;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/** {@code /accounts}: open, the money commands and close (DESIGN §4); reads are in {@link HistoryRoutes}. */
public final class AccountRoutes {

    private final AccountCommands commands;

    record Opened(UUID accountId, int version) {}

    record Changed(UUID accountId, int version, String balance) {}

    public AccountRoutes(AccountCommands commands) {
        this.commands = commands;
    }

    public void register(Javalin app) {
        app.post("/accounts", CommandReplies.counted("open", this::open), Role.OPERATOR);
        app.post("/accounts/{id}/deposits", command("deposit", CommandBodies.Movement.class,
                (b, s) -> new AccountCommand.DepositMoney(amount(b.amount(), s), b.reference())),
                Role.OPERATOR);
        app.post("/accounts/{id}/withdrawals", command("withdraw", CommandBodies.Movement.class,
                (b, s) -> new AccountCommand.WithdrawMoney(amount(b.amount(), s), b.reference())),
                Role.OPERATOR);
        app.post("/accounts/{id}/fees", command("fee", CommandBodies.Charge.class,
                (b, s) -> new AccountCommand.ChargeFee(amount(b.amount(), s), b.reason())),
                Role.OPERATOR);
        app.post("/accounts/{id}/refunds", command("refund", CommandBodies.Charge.class,
                (b, s) -> new AccountCommand.IssueRefund(amount(b.amount(), s), b.reason())),
                Role.OPERATOR);
        app.post("/accounts/{id}/close", command("close", CommandBodies.Close.class,
                (b, s) -> new AccountCommand.CloseAccount(b.reason())),
                Role.OPERATOR);
    }

    private void open(Context ctx) throws Exception {
        CommandBodies.OpenAccount body = JsonBodies.read(ctx, CommandBodies.OpenAccount.class);
        var command = new AccountCommand.OpenAccount(CommandBodies.nonBlank(body.ownerId(), "ownerId"),
                CommandBodies.currency(body.currency()));
        CommandReplies.send(ctx, commands.open(UUID.randomUUID(), command, Requests.command(ctx), outcome -> {
            AccountState state = outcome.state();
            return CommandReplies.json(201, new Opened(state.id(), state.version()), Map.of(
                    "Location", "/accounts/" + state.id(), "ETag", Requests.etag(state.version())));
        }));
    }

    /** A command on an existing account; it is built from the state because amounts need its currency. */
    private <B extends Record> Handler command(String name, Class<B> bodyType,
                                               BiFunction<B, AccountState, AccountCommand> toCommand) {
        return CommandReplies.counted(name, ctx -> {
            B body = JsonBodies.read(ctx, bodyType);
            UUID id = Requests.accountId(ctx);
            CommandReplies.send(ctx, commands.execute(id, s -> toCommand.apply(body, s), Requests.command(ctx),
                    outcome -> {
                        AccountState state = outcome.state();
                        return CommandReplies.json(200, new Changed(state.id(), state.version(),
                                state.balance().text()), Map.of("ETag", Requests.etag(state.version())));
                    }));
        });
    }

    private static Money amount(String text, AccountState state) {
        return CommandBodies.amount(text, state.currency());
    }
}
