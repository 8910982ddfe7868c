package io.mendian.payment;

/**
 * Receives payments made to the platform's own merchant account (brands paying their SaaS invoices), implemented by
 * billing so that payment does not depend on it. Called once per verified WeChat Pay success, possibly again for the
 * same transaction (a repeated callback): implementations are idempotent on the transaction id.
 */
public interface PlatformIncome {

    /** Whether this receiver owns the merchant order number (its prefix). */
    boolean owns(String outTradeNo);

    void paid(String outTradeNo, String transactionId, long amountFen);
}
