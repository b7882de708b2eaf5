package io.eventledger.loadtest.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventledger.command.testing.ApiClient;
import io.eventledger.command.testing.TestLedger;
import io.eventledger.platform.auth.Role;
import io.eventledger.platform.auth.TokenStore;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What {@code ledger verify-acks} finds in a real store: a command that wrote nothing is lost, one that did is not. */
class StoreCheckIT {

    @Test
    void aCommandThatWroteItsEventIsFoundAndOneThatWroteNothingIsLost() throws Exception {
        ApiClient api = new ApiClient(TestLedger.service().port());
        String token = new TokenStore(TestLedger.db()).create("verifier", Set.of(Role.OPERATOR));
        String account = api.openWith(token, "10.00");
        String deposited = UUID.randomUUID().toString();
        var answer = api.send(api.postRequest(
                        "/accounts/" + account + "/deposits", token, "{\"amount\":\"5.00\",\"reference\":\"verify\"}")
                .header("X-Correlation-Id", deposited));
        assertThat(answer.statusCode()).isEqualTo(200);
        String neverSent = UUID.randomUUID().toString();

        StoreCheck.Result result = new StoreCheck(TestLedger.db())
                .check(Map.of(
                        deposited, new AckedCommand(deposited, "deposit", 200, account, ""),
                        neverSent, new AckedCommand(neverSent, "deposit", 200, account, "")));

        assertThat(result.written().get(deposited))
                .singleElement()
                .satisfies(e -> assertThat(e.eventType()).isEqualTo("MoneyDeposited"));
        assertThat(result.lost()).singleElement().satisfies(l -> assertThat(l).startsWith(neverSent));
        assertThat(result.duplicated()).isEmpty();
        assertThat(result.mismatched()).isEmpty();
    }
}
