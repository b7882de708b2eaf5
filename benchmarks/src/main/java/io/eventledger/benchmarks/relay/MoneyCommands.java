package io.eventledger.benchmarks.relay;

import static io.eventledger.command.testing.ApiClient.json;

import io.eventledger.command.testing.ApiClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The relay benchmark's commands, as clients send them over the HTTP API: opening accounts and a random
 * mix of deposits, withdrawals, fees and refunds. A withdrawal above the balance is refused (422) and
 * writes nothing, which is fine for a load. The same mix as command-service's relay tests drive.
 */
final class MoneyCommands {

    private final ApiClient api;
    private final String token;

    MoneyCommands(ApiClient api, String token) {
        this.api = api;
        this.token = token;
    }

    UUID open() throws Exception {
        HttpResponse<String> opened = api.post("/accounts", token, "{\"ownerId\":\"load\",\"currency\":\"EUR\"}");
        return UUID.fromString(json(opened).get("accountId").asText());
    }

    /** One deposit; returns the HTTP status. */
    int deposit(UUID account) throws Exception {
        return api.post("/accounts/" + account + "/deposits", token, "{\"amount\":\"100.00\",\"reference\":\"load\"}")
                .statusCode();
    }

    /** One random money command on one of the accounts; returns the HTTP status. */
    int anyMoneyCommand(List<UUID> accounts) throws Exception {
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
}
