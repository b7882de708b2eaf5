package io.eventledger.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.net.URI;
import java.util.Currency;
import java.util.concurrent.TimeUnit;

/**
 * Sends one logical command until it has a final answer. With retry on, a connection error, a 503 (after
 * its Retry-After) or a 409 resends the same request with the same key until the deadline: the key makes a
 * resend of a command that did commit answer the first reply instead of applying it again.
 */
final class CommandSender {

    private static final long BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;
    private final LedgerHttp http;
    private final URI base;
    private final Currency currency;
    private final boolean retry;

    /** How a command ended; {@code status} 0 means no HTTP answer at all, {@code version} -1 if the reply had none. */
    record Outcome(int status, int version, int retries) {

        boolean ok() {
            return status >= 200 && status < 300;
        }

        boolean refused() {
            return status >= 400 && status < 500;
        }

        boolean answered() {
            return status != 0;
        }
    }

    CommandSender(LedgerHttp http, URI base, Currency currency, boolean retry) {
        this.http = http;
        this.base = base;
        this.currency = currency;
        this.retry = retry;
    }

    Outcome send(PlannedCommand command, long deadlineNanos) throws InterruptedException {
        URI uri = base.resolve(command.path());
        String body = command.body(currency);
        int retries = 0;
        long backoff = BACKOFF_MS;
        while (true) {
            int status = 0;
            long waitMs = backoff;
            try {
                LedgerHttp.Answer answer = http.post(uri, body, command.correlationId());
                status = answer.status();
                if (!retry || !worthResending(status)) {
                    return new Outcome(status, version(answer.body()), retries);
                }
                waitMs = answer.retryAfterSeconds().isPresent()
                        ? TimeUnit.SECONDS.toMillis(answer.retryAfterSeconds().getAsLong())
                        : backoff;
            } catch (IOException e) {
                if (!retry) {
                    return new Outcome(0, -1, retries);
                }
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) > deadlineNanos) {
                return new Outcome(status, -1, retries);
            }
            Thread.sleep(waitMs);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            retries++;
        }
    }

    private static boolean worthResending(int status) {
        return status == 503 || status == 409;
    }

    private static int version(String body) {
        try {
            JsonNode version = Json.mapper().readTree(body).get("version");
            return version != null && version.canConvertToInt() ? version.intValue() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
