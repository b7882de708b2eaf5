package io.eventledger.command.http;

import io.eventledger.command.account.AccountCommand;
import io.eventledger.command.account.AccountState;
import io.eventledger.command.execution.Executed;
import io.eventledger.command.handling.AccountCommands;
import io.eventledger.contract.money.Money;
import io.eventledger.platform.auth.Role;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Currency;
import java.util.Map;
import java.util.UUID;

/** {@code /accounts}: open, the money commands and close; reads are in {@link HistoryRoutes}. */
public final class AccountRoutes {

    private final AccountCommands commands;

    record Opened(UUID accountId, int version) {}

    record Changed(UUID accountId, int version, String balance) {}

    /** Builds the command from the body and the account's currency, which an amount's scale depends on. */
    @FunctionalInterface
    private interface Parser<B> {
        AccountCommand parse(B body, Currency currency);
    }

    public AccountRoutes(AccountCommands commands) {
        this.commands = commands;
    }

    public void register(Javalin app) {
        app.post("/accounts", CommandReplies.counted("open", this::open), Role.OPERATOR);
        app.post(
                "/accounts/{id}/deposits",
                command(
                        "deposit",
                        CommandBodies.Movement.class,
                        (b, c) -> new AccountCommand.DepositMoney(amount(b.amount(), c), b.reference())),
                Role.OPERATOR);
        app.post(
                "/accounts/{id}/withdrawals",
                command(
                        "withdraw",
                        CommandBodies.Movement.class,
                        (b, c) -> new AccountCommand.WithdrawMoney(amount(b.amount(), c), b.reference())),
                Role.OPERATOR);
        app.post(
                "/accounts/{id}/fees",
                command(
                        "fee",
                        CommandBodies.Charge.class,
                        (b, c) -> new AccountCommand.ChargeFee(amount(b.amount(), c), b.reason())),
                Role.OPERATOR);
        app.post(
                "/accounts/{id}/refunds",
                command(
                        "refund",
                        CommandBodies.Charge.class,
                        (b, c) -> new AccountCommand.IssueRefund(amount(b.amount(), c), b.reason())),
                Role.OPERATOR);
        app.post(
                "/accounts/{id}/close",
                command("close", CommandBodies.Close.class, (b, c) -> new AccountCommand.CloseAccount(b.reason())),
                Role.OPERATOR);
    }

    private void open(Context ctx) throws Exception {
        CommandBodies.OpenAccount body = JsonBodies.read(ctx, CommandBodies.OpenAccount.class);
        var command = new AccountCommand.OpenAccount(
                CommandBodies.nonBlank(body.ownerId(), "ownerId"), CommandBodies.currency(body.currency()));
        Executed<AccountCommands.Outcome> executed = commands.open(UUID.randomUUID(), command, Requests.command(ctx));
        AccountState state = executed.outcome().state();
        CommandReplies.send(
                ctx,
                executed,
                201,
                new Opened(state.id(), state.version()),
                Map.of("Location", "/accounts/" + state.id(), "ETag", Requests.etag(state.version())));
    }

    /** A command on an existing account, parsed complete before it runs. */
    private <B extends Record> Handler command(String name, Class<B> bodyType, Parser<B> parser) {
        return CommandReplies.counted(name, ctx -> {
            B body = JsonBodies.read(ctx, bodyType);
            UUID id = Requests.accountId(ctx);
            AccountCommand command = parser.parse(body, commands.currency(id));
            Executed<AccountCommands.Outcome> executed = commands.execute(id, command, Requests.command(ctx));
            AccountState state = executed.outcome().state();
            CommandReplies.send(
                    ctx,
                    executed,
                    200,
                    new Changed(state.id(), state.version(), state.balance().text()),
                    Map.of("ETag", Requests.etag(state.version())));
        });
    }

    private static Money amount(String text, Currency currency) {
        return CommandBodies.amount(text, currency);
    }
}
