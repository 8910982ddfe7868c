package io.mendian.promotion.pricing;

/**
 * Splits an amount over weights by the largest-remainder method: each share is the floor of its exact part, and the
 * units left over go to the largest remainders, ties to the earlier index. Shares always sum to the amount, and no
 * share exceeds its weight when the amount does not exceed the total weight.
 */
final class Apportion {

    private Apportion() {}

    /** {@code a * b / c} rounded down, for non-negative operands, without overflowing on the way. */
    static long mulDiv(long a, long b, long c) {
        long product = a * b;
        if (Math.multiplyHigh(a, b) == 0 && product >= 0) {
            return product / c;
        }
        return java.math.BigInteger.valueOf(a)
                .multiply(java.math.BigInteger.valueOf(b))
                .divide(java.math.BigInteger.valueOf(c))
                .longValueExact();
    }

    static long[] split(long amount, long[] weights) {
        long total = 0;
        for (long w : weights) {
            total = Math.addExact(total, w);
        }
        long[] shares = new long[weights.length];
        if (amount == 0) {
            return shares;
        }
        if (total <= 0 || amount < 0) {
            throw new IllegalArgumentException("cannot split " + amount + " over " + total);
        }
        long[] remainders = new long[weights.length];
        long given = 0;
        for (int i = 0; i < weights.length; i++) {
            // amount * w can overflow a long for large carts; BigInteger only on that path keeps the common case fast.
            long product = amount * weights[i];
            if (Math.multiplyHigh(amount, weights[i]) == 0 && product >= 0) {
                shares[i] = product / total;
                remainders[i] = product % total;
            } else {
                java.math.BigInteger[] qr = java.math.BigInteger.valueOf(amount)
                        .multiply(java.math.BigInteger.valueOf(weights[i]))
                        .divideAndRemainder(java.math.BigInteger.valueOf(total));
                shares[i] = qr[0].longValueExact();
                remainders[i] = qr[1].longValueExact();
            }
            given += shares[i];
        }
        for (long left = amount - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < weights.length; i++) {
                if (remainders[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = 0;
        }
        return shares;
    }
}
