package io.eventledger.contract.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @ParameterizedTest
    @CsvSource({"500,EUR,500.00", "12.5,EUR,12.50", "100,JPY,100", "1.234,BHD,1.234", "0.01,USD,0.01"})
    void parsesToTheCurrencyScale(String text, String code, String expected) {
        assertThat(Money.parsePositive(text, Currencies.parse(code)).text()).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.505", "0", "-1.00", "abc", "", "1e400000", "0.001"})
    void rejectsWhatIsNotAPositiveAmountAtScale(String text) {
        assertThatThrownBy(() -> Money.parsePositive(text, EUR)).isInstanceOf(InvalidMoneyException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"eur", "XYZ", "EURO", "XXX", "", "E1R", "ÉUR", " EU", "EU"})
    void rejectsUnknownCurrencies(String code) {
        assertThatThrownBy(() -> Currencies.parse(code)).isInstanceOf(InvalidMoneyException.class);
    }

    @Test
    void arithmeticIsExact() {
        Money balance = Money.parsePositive("500.00", EUR)
                .minus(Money.parsePositive("200.00", EUR))
                .minus(Money.parsePositive("12.50", EUR))
                .minus(Money.parsePositive("50.00", EUR));

        assertThat(balance.text()).isEqualTo("237.50");
    }

    @Test
    void refusesToMixCurrencies() {
        Money eur = Money.parsePositive("1", EUR);
        Money usd = Money.parsePositive("1", Currency.getInstance("USD"));

        assertThatThrownBy(() -> eur.plus(usd)).isInstanceOf(InvalidMoneyException.class);
    }
}
