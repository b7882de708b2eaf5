package io.eventledger.loadtest.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends one logical command until it has a final answer, to the instance whose turn it is. With retry on, a
 * connection error, a 503 (after its Retry-After) or a 409 resends the same request with the same key to the
 * next instance until the deadline: the key makes a resend of a command that did commit answer the first
 * reply instead of applying it again.
 */
final class CommandSender {

    private static final long BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;
    private final LedgerHttp http;
    private final Instances instances;
    private final Currency currency;
    private final boolean retry;

    /** One request of a command: the instance it went to and its status, 0 for no HTTP answer at all. */
    record Attempt(int instance, int status) {}

    /**
     * How a command ended; {@code status} 0 means no HTTP answer at all, {@code version} -1 if the reply had
     * none. {@code attempts} holds every request sent, the first one first; none for a command never sent.
     */
    record Outcome(int status, int version, List<Attempt> attempts) {

        Outcome {
            attempts = List.copyOf(attempts);
        }

        int retries() {
            return Math.max(0, attempts.size() - 1);
        }

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

    CommandSender(LedgerHttp http, Instances instances, Currency currency, boolean retry) {
        this.http = http;
        this.instances = instances;
        this.currency = currency;
        this.retry = retry;
    }

    Outcome send(PlannedCommand command, long deadlineNanos) throws InterruptedException {
        String body = command.body(currency);
        List<Attempt> attempts = new ArrayList<>(1);
        int instance = instances.next();
        long backoff = BACKOFF_MS;
        while (true) {
            int status = 0;
            long waitMs = backoff;
            try {
                LedgerHttp.Answer answer =
                        http.post(instances.resolve(instance, command.path()), body, command.correlationId());
                status = answer.status();
                attempts.add(new Attempt(instance, status));
                if (!retry || !worthResending(status)) {
                    return new Outcome(status, version(answer.body()), attempts);
                }
                waitMs = answer.retryAfterSeconds().isPresent()
                        ? TimeUnit.SECONDS.toMillis(answer.retryAfterSeconds().getAsLong())
                        : backoff;
            } catch (IOException e) {
                attempts.add(new Attempt(instance, 0));
                if (!retry) {
                    return new Outcome(0, -1, attempts);
                }
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs) > deadlineNanos) {
                return new Outcome(status, -1, attempts);
            }
            Thread.sleep(waitMs);
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
            instance = instances.after(instance);
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
