package io.eventledger.command.relay;

import static io.eventledger.command.testing.ApiClient.json;

import io.eventledger.command.testing.ApiClient;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Commands against the HTTP API, as clients send them: opening accounts, a random mix of deposits,
 * withdrawals, fees and refunds, and emptying and closing an account. Each call is one command; a
 * withdrawal above the balance is refused (422) and writes nothing, which is fine for a load. The relay tests
 * drive it, and so does the relay benchmark (benchmarks module, through this test-jar).
 */
public final class AccountLoad {

    private final ApiClient api;
    private final String token;

    public AccountLoad(ApiClient api, String token) {
        this.api = api;
        this.token = token;
    }

    public UUID open() throws Exception {
        HttpResponse<String> opened = api.post("/accounts", token, "{\"ownerId\":\"load\",\"currency\":\"EUR\"}");
        return UUID.fromString(json(opened).get("accountId").asText());
    }

    /** One deposit; returns the HTTP status. */
    public int deposit(UUID account) throws Exception {
        return api.post("/accounts/" + account + "/deposits", token, "{\"amount\":\"100.00\",\"reference\":\"load\"}")
                .statusCode();
    }

    /** One random money command on one of the accounts; returns the HTTP status. */
    public int anyMoneyCommand(List<UUID> accounts) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        UUID picked = accounts.get(random.nextInt(accounts.size()));
        String account = "/accounts/" + picked;
        int dice = random.nextInt(100);
        if (dice < 45) {
            return deposit(picked);
        } else if (dice < 70) {
            return api.post(account + "/withdrawals", token, "{\"amount\":\"3.00\",\"reference\":\"load\"}")
                    .statusCode();
        } else if (dice < 85) {
            return api.post(account + "/fees", token, "{\"amount\":\"1.50\",\"reason\":\"load\"}")
                    .statusCode();
        }
        return api.post(account + "/refunds", token, "{\"amount\":\"2.25\",\"reason\":\"load\"}")
                .statusCode();
    }

    /** Withdraws whatever is left, then closes: two commands (one if it is already empty). */
    int emptyAndClose(UUID accountId) throws Exception {
        String account = "/accounts/" + accountId;
        BigDecimal balance =
                new BigDecimal(json(api.get(account, token)).get("balance").asText());
        int commands = 1;
        if (balance.signum() > 0) {
            api.post(
                    account + "/withdrawals",
                    token,
                    "{\"amount\":\"" + balance.toPlainString() + "\",\"reference\":\"closing\"}");
            commands++;
        }
        api.post(account + "/close", token, "{\"reason\":\"load done\"}");
        return commands;
    }
}
