package io.atsbridge.mapping.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class FieldConversionTest {

    @Test
    void rescalesInDecimalSoThatExactValuesStayExact() {
        assertThat(FieldConversion.rescale(4.1, 0, 5, 0, 100)).isEqualByComparingTo("82");
        assertThat(FieldConversion.rescale(0.7, 0, 1, 0, 100)).isEqualByComparingTo("70");
        assertThat(FieldConversion.rescale(3, 1, 5, 0, 10)).isEqualByComparingTo("5");
        assertThat(FieldConversion.rescale(5, 0, 5, -1, 1)).isEqualByComparingTo("1");
    }

    @Test
    void roundsHalfUpToTwoDecimals() {
        assertThat(FieldConversion.rescale(2, 0, 3, 0, 100)).isEqualByComparingTo("66.67");
        assertThat(FieldConversion.rescale(1, 0, 3, 0, 100)).isEqualByComparingTo("33.33");
        assertThat(FieldConversion.rescale(0.125, 0, 1, 0, 1)).isEqualByComparingTo("0.13");
    }

    @Test
    void roundingNeverLeavesTheTargetRange() {
        assertThat(FieldConversion.rescale(5, 0, 5, 0, 9.999)).isEqualByComparingTo("9.999");
    }

    @Test
    void percentRoundsTheDecimalValueHalfUp() {
        // 0.285 * 100 is 28.499999999999996 in binary floating point.
        assertThat(FieldConversion.percent(0.285)).isEqualByComparingTo("29");
        assertThat(FieldConversion.percent(0.87)).isEqualByComparingTo("87");
    }

    @Test
    void numbersAreFormattedWithoutExponentOrTrailingZeros() {
        assertThat(FieldConversion.format(new BigDecimal("82.00"))).isEqualTo("82");
        assertThat(FieldConversion.format(new BigDecimal("1E+2"))).isEqualTo("100");
        assertThat(FieldConversion.format(4.10)).isEqualTo("4.1");
    }

    @Test
    void onlyAbsoluteHttpUrlsWithAHostAreLinks() {
        assertThat(FieldConversion.isHttpUrl("https://vendor.example/t/1?x=2")).isTrue();
        assertThat(FieldConversion.isHttpUrl("HTTP://vendor.example")).isTrue();
        assertThat(FieldConversion.isHttpUrl("ftp://vendor.example/t")).isFalse();
        assertThat(FieldConversion.isHttpUrl("javascript:alert(1)")).isFalse();
        assertThat(FieldConversion.isHttpUrl("/relative/path")).isFalse();
        assertThat(FieldConversion.isHttpUrl("https:///no-host")).isFalse();
        assertThat(FieldConversion.isHttpUrl("https://bad host/")).isFalse();
    }
}
