package dev.chorus.money;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyFormatTest {
    @Test
    void readableAtEveryScale() {
        assertThat(MoneyFormat.dollars(0)).isEqualTo("$0");
        assertThat(MoneyFormat.dollars(9)).isEqualTo("$0.000009");
        assertThat(MoneyFormat.dollars(420)).isEqualTo("$0.00042");
        assertThat(MoneyFormat.dollars(9_999)).isEqualTo("$0.009999");
        assertThat(MoneyFormat.dollars(12_345)).isEqualTo("$0.012");
        assertThat(MoneyFormat.dollars(160_000)).isEqualTo("$0.16");
        assertThat(MoneyFormat.dollars(150_400)).isEqualTo("$0.15");
        assertThat(MoneyFormat.dollars(999_999)).isEqualTo("$1.00");
        assertThat(MoneyFormat.dollars(1_234_567)).isEqualTo("$1.23");
        assertThat(MoneyFormat.dollars(250_000_000)).isEqualTo("$250.00");
    }
}
