package io.eventledger.loadtest.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InstancesTest {

    private static final List<URI> THREE = List.of(
            URI.create("http://127.0.0.1:8080"), URI.create("http://127.0.0.1:8090"), URI.create("http://10.0.0.9:80"));

    @Test
    void newCommandsTakeTheInstancesInTurnAndResendsGoToTheNextOne() {
        Instances instances = new Instances(THREE);

        assertThat(IntStream.range(0, 7).map(i -> instances.next())).containsExactly(0, 1, 2, 0, 1, 2, 0);
        assertThat(instances.after(0)).isEqualTo(1);
        assertThat(instances.after(2)).isZero();
        assertThat(instances.resolve(1, "/accounts/a/deposits"))
                .isEqualTo(URI.create("http://127.0.0.1:8090/accounts/a/deposits"));
    }

    @Test
    void withOneUrlEveryCommandAndResendGoesToIt() {
        Instances one = new Instances(List.of(URI.create("http://127.0.0.1:8080")));

        assertThat(IntStream.range(0, 3).map(i -> one.next())).containsOnly(0);
        assertThat(one.after(0)).isZero();
    }

    @Test
    void eachInstanceBooksTheCommandsItGotFirstAndEveryRequestByItsAnswer() {
        BenchStats stats = new BenchStats(2);
        // a command answered at once, one resent after a connection error to the other instance, one that
        // ended on a 503 there, and a refusal
        stats.requested(List.of(new CommandSender.Attempt(0, 200)));
        stats.requested(List.of(new CommandSender.Attempt(1, 0), new CommandSender.Attempt(0, 201)));
        stats.requested(List.of(new CommandSender.Attempt(0, 503), new CommandSender.Attempt(1, 503)));
        stats.requested(List.of(new CommandSender.Attempt(1, 422)));
        stats.requested(List.of());

        InstanceReport first = InstanceReport.of("a", stats.instance(0));
        InstanceReport second = InstanceReport.of("b", stats.instance(1));
        assertThat(first).isEqualTo(new InstanceReport("a", 2, 3, 2, 0, 1, 0));
        assertThat(second).isEqualTo(new InstanceReport("b", 2, 3, 0, 1, 1, 1));
        assertThat(second.failures()).isEqualTo(2);
    }
}
