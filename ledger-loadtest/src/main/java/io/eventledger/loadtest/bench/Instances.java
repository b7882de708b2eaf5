package io.eventledger.loadtest.bench;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The command-service instances a run spreads its commands over, taken in turn per command, whichever client
 * or schedule slot sends it: the split is even whatever the number of clients, and the open loop, which has
 * no clients, spreads the same way. Per command rather than per client also sends the successive commands of
 * a hot account to different instances, which is what several instances on one database have to get right.
 * A resend goes to the next instance, as a load balancer would send it after a connection error; every
 * instance honours the Idempotency-Key (they share one database), so a resend still applies at most once.
 * With one URL every command and resend goes to it.
 */
final class Instances {

    private final List<URI> urls;
    private final AtomicLong turn = new AtomicLong();

    Instances(List<URI> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one command-service URL is needed");
        }
        this.urls = List.copyOf(urls);
    }

    int count() {
        return urls.size();
    }

    URI url(int instance) {
        return urls.get(instance);
    }

    /** The instance whose turn it is for a new command. */
    int next() {
        return (int) Math.floorMod(turn.getAndIncrement(), (long) urls.size());
    }

    /** The instance a resend of a command last sent to {@code instance} goes to. */
    int after(int instance) {
        return (instance + 1) % urls.size();
    }

    /** {@code path} (absolute, e.g. {@code /accounts}) on the instance. */
    URI resolve(int instance, String path) {
        return urls.get(instance).resolve(path);
    }
}
