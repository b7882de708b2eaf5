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
 * withdrawal above the balance is refused (422) and writes nothing, which is fine for a load.
 */
final class AccountLoad {

    private final ApiClient api;
    private final String token;

    AccountLoad(ApiClient api, String token) {
        this.api = api;
        this.token = token;
    }

    UUID open() throws Exception {
        HttpResponse<String> opened = api.post("/accounts", token, "{\"ownerId\":\"load\",\"currency\":\"EUR\"}");
        return UUID.fromString(json(opened).get("accountId").asText());
    }

    /** One random money command on one of the accounts; returns the HTTP status. */
    int anyMoneyCommand(List<UUID> accounts) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String account = "/accounts/" + accounts.get(random.nextInt(accounts.size()));
        int dice = random.nextInt(100);
        if (dice < 45) {
            return api.post(account + "/deposits", token, "{\"amount\":\"100.00\",\"reference\":\"load\"}")
                    .statusCode();
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
