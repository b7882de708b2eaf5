package io.eventledger.loadtest.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one {@code ledger bench} run needs. {@code urls} are the command-service instances the commands
 * are spread over (one or more, each once). {@code rate} null means closed loop; {@code clients} 0 with a rate
 * means "enough for the rate". Kafka, projector and ack log are optional (null).
 */
public record BenchConfig(
        List<URI> urls,
        String token,
        int clients,
        Double rate,
        Duration duration,
        Duration warmup,
        int accounts,
        double zipf,
        CommandMix mix,
        long seed,
        Currency currency,
        boolean retry,
        String kafkaBootstrap,
        String topicPrefix,
        URI projectorUrl,
        int readSample,
        Path out,
        String name,
        Path ackLog,
        boolean failOn5xx) {

    /** How long after the run's end a retried command may still be resent, and late events awaited. */
    public static final Duration GRACE = Duration.ofSeconds(30);

    private static final int MAX_DEFAULT_CLIENTS = 512;

    public BenchConfig {
        urls = checked(urls);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("a token is needed: --token or LEDGER_TOKEN (role operator)");
        }
        if (rate == null && clients < 1) {
            throw new IllegalArgumentException("give --clients N (closed loop) or --rate R (open loop)");
        }
        if (rate != null && !(rate > 0)) {
            throw new IllegalArgumentException("--rate must be above 0, got " + rate);
        }
        if (accounts < 1 || readSample < 1 || duration.isNegative() || duration.isZero() || warmup.isNegative()) {
            throw new IllegalArgumentException("--accounts and --read-sample are ≥ 1, --duration > 0, --warmup ≥ 0");
        }
        if (accounts < 2 && mix.transfers() > 0) {
            throw new IllegalArgumentException("transfers need --accounts 2 or more");
        }
    }

    private static List<URI> checked(List<URI> urls) {
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("--url needs at least one command-service URL");
        }
        Set<URI> seen = new HashSet<>();
        for (URI url : urls) {
            if (url == null
                    || url.getHost() == null
                    || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
                throw new IllegalArgumentException("--url takes http(s)://host:port URLs, got " + url);
            }
            if (!seen.add(url)) {
                throw new IllegalArgumentException("--url lists " + url + " twice");
            }
        }
        return List.copyOf(urls);
    }

    public boolean openLoop() {
        return rate != null;
    }

    /**
     * Closed loop: the clients. Open loop: the bound on commands in flight, by default what the rate needs
     * (Little's law) while answers take up to 250 ms, 16 to 512, so the bound only bites when the service
     * is already late.
     */
    public int concurrency() {
        if (clients > 0) {
            return clients;
        }
        return (int) Math.min(MAX_DEFAULT_CLIENTS, Math.max(16, Math.ceil(rate / 4)));
    }
}
