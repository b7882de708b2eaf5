package io.eventledger.command.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Pattern;

/**
 * How many events an accepted (2xx, not replayed) command says it wrote, read from its answer alone, so
 * {@link HttpFuzzIT} can compare it with what the store holds under the command's correlation id.
 * An account command appends one event. A transfer's answer carries the transfer stream's version: on
 * initiate every one of those events is new; approve and reject start from a pending transfer (version 1,
 * the only state they accept). An EXECUTED transfer also wrote one event on each of its two accounts.
 */
final class FuzzAccounting {

    private static final Pattern ACCOUNT_COMMAND =
            Pattern.compile("/+accounts(/[^/?]+/(deposits|withdrawals|fees|refunds|close))?/?");
    private static final Pattern TRANSFER_DECISION = Pattern.compile("/+transfers/[^/?]+/(approve|reject)/?");
    private static final Pattern TRANSFERS = Pattern.compile("/+transfers/?");

    private FuzzAccounting() {}

    static int implied(String pathAndQuery, JsonNode answer) {
        String path = pathAndQuery.split("\\?")[0];
        if (ACCOUNT_COMMAND.matcher(path).matches()) {
            return 1;
        }
        int legs = "EXECUTED".equals(answer.path("status").asText()) ? 2 : 0;
        if (TRANSFERS.matcher(path).matches()) {
            return answer.path("version").asInt() + legs;
        }
        if (TRANSFER_DECISION.matcher(path).matches()) {
            return answer.path("version").asInt() - 1 + legs;
        }
        return 0;
    }
}
