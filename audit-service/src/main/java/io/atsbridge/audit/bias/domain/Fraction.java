package io.atsbridge.audit.bias.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * An exact, non-negative rational number: rates and impact ratios are kept as fractions of counts, so that the
 * four-fifths comparison is exact (a ratio of exactly 0.80 is not adverse) and rounding happens once, when a number
 * is printed. Fractions are kept in lowest terms, so that equal values are equal records.
 *
 * @param numerator   at least 0
 * @param denominator at least 1
 */
public record Fraction(BigInteger numerator, BigInteger denominator) {

    public Fraction {
        if (numerator.signum() < 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("fraction " + numerator + "/" + denominator
                    + " (expected: numerator >= 0, denominator >= 1)");
        }
        BigInteger divisor = numerator.gcd(denominator);
        numerator = numerator.divide(divisor);
        denominator = denominator.divide(divisor);
    }

    public static Fraction of(long numerator, long denominator) {
        return new Fraction(BigInteger.valueOf(numerator), BigInteger.valueOf(denominator));
    }

    /** This fraction divided by {@code other}, which must not be zero. */
    public Fraction dividedBy(Fraction other) {
        if (other.isZero()) {
            throw new ArithmeticException("division of " + this + " by zero");
        }
        return new Fraction(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public boolean isZero() {
        return numerator.signum() == 0;
    }

    /** Whether this fraction is strictly less than {@code threshold}, compared exactly. */
    public boolean isBelow(BigDecimal threshold) {
        return new BigDecimal(numerator).compareTo(threshold.multiply(new BigDecimal(denominator))) < 0;
    }

    /** Compares exactly: a/b against c/d as a*d against c*b. */
    public int compareTo(Fraction other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }

    /**
     * The value rounded half up to {@code scale} decimal places: the rounding every rate and impact ratio of the DCWP
     * worked examples uses, applied to the unrounded counts (0.97927 prints as 0.979, 0.96723 as 0.97).
     */
    public BigDecimal decimal(int scale) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), scale, RoundingMode.HALF_UP);
    }

    @Override
    public String toString() {
        return numerator + "/" + denominator;
    }
}
