package io.eventledger.contract.upcast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * {@code MoneyDeposited} v1 was {@code {amount: number, reference}} with no currency (every account was
 * EUR then); v2 is {@code {amount: "string", currency, reference}}. The number is read exactly, as the
 * decimal text that was stored, never through a double.
 */
public final class MoneyDepositedV1ToV2 implements Upcaster {

    static final String V1_CURRENCY = "EUR";

    @Override
    public String eventType() {
        return "MoneyDeposited";
    }

    @Override
    public int fromVersion() {
        return 1;
    }

    @Override
    public JsonNode upcast(JsonNode data) {
        ObjectNode v2 = data.deepCopy();
        JsonNode amount = data.path("amount");
        BigDecimal exact = amount.isNumber() ? amount.decimalValue() : new BigDecimal(amount.asText());
        v2.put("amount", exact.setScale(2).toPlainString());
        if (!v2.hasNonNull("currency")) {
            v2.put("currency", V1_CURRENCY);
        }
        return v2;
    }
}
