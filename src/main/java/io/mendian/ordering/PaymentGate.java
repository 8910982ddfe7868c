package io.mendian.ordering;

/**
 * What ordering needs from payments, implemented by the payment context so that ordering does not depend on it. An
 * unpaid order may only end after its payment attempts are closed at WeChat Pay: otherwise a customer could pay for
 * an order whose stock was already released.
 */
public interface PaymentGate {

    /** Where an order's payment stands once its open attempts were settled. */
    enum Settled {
        /** Nothing was paid and nothing can be paid any more: the order may end. */
        UNPAID,
        /** A payment succeeded (the order was marked paid meanwhile). */
        PAID,
        /** WeChat Pay could not be asked; try again later. */
        UNKNOWN
    }

    /** Closes the order's open payment attempts, or finds the one that was paid. */
    Settled settleUnpaid(String orderNo);

    /**
     * Records a refund of a paid order, in the caller's transaction, and sends it to WeChat Pay once that commits
     * (retried until WeChat Pay has it). 409 when the order was not paid or the amount exceeds what is left to refund.
     *
     * @return the refund's number
     */
    String refund(String orderNo, long amountFen, String reason, String actor);

    /** Refuses checkout (409 payments-not-ready) while the brand cannot take payments. */
    void requireReady();
}
