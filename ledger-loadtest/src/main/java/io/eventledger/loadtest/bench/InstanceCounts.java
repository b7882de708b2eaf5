package io.eventledger.loadtest.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one instance got of the measured commands: {@code commands} whose first request went to it, and every
 * request it was sent (resends included) by its answer. The run's totals count each command once by its final
 * outcome; these count requests, so an instance that failed a request a resend then got past elsewhere still
 * shows it: {@code requests = ok + refused + errors + noAnswer}, where errors are 5xx answers and noAnswer
 * requests with no HTTP answer at all (connection refused or reset, timeout).
 */
final class InstanceCounts {

    final LongAdder commands = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder noAnswer = new LongAdder();

    /** One request's answer: its HTTP status, 0 for none. */
    void answered(int status) {
        requests.increment();
        if (status == 0) {
            noAnswer.increment();
        } else if (status >= 200 && status < 300) {
            ok.increment();
        } else if (status >= 400 && status < 500) {
            refused.increment();
        } else {
            errors.increment();
        }
    }
}
