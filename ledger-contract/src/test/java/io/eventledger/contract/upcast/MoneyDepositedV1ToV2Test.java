package io.eventledger.contract.upcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventledger.contract.envelope.EventCodec;
import io.eventledger.contract.envelope.Json;
import io.eventledger.contract.event.AccountEvent;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyDepositedV1ToV2Test {

    @Test
    void v1NumberWithoutCurrencyBecomesAnExactV2Deposit() throws Exception {
        JsonNode v1 = Json.mapper().readTree("{\"amount\": 237.5, \"reference\": \"legacy\"}");

        var event = EventCodec.standard().fromData("MoneyDeposited", 1, v1);

        assertThat(event).isEqualTo(new AccountEvent.MoneyDeposited(new BigDecimal("237.50"), "EUR", "legacy"));
    }

    @Test
    void currentVersionPassesUntouched() throws Exception {
        JsonNode v2 = Json.mapper().readTree("{\"amount\":\"0.10\",\"currency\":\"USD\",\"reference\":\"r\"}");

        assertThat(Upcasters.standard().upcast("MoneyDeposited", 2, 2, v2)).isSameAs(v2);
    }
}
