package io.mendian.payment.app;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.membership.MembershipApi;
import io.mendian.ordering.OrderingApi;
import io.mendian.ordering.OrderingApi.Payable;

/**
 * What a payment pays: an order (ordering) or a stored-value top-up (membership, numbers starting with T). Payments
 * start, follow and record both the same way; only the owner of the number says what is due and hears it was paid.
 */
@ApplicationScoped
public class Payables {

    private final OrderingApi ordering;
    private final MembershipApi members;

    public Payables(OrderingApi ordering, MembershipApi members) {
        this.ordering = ordering;
        this.members = members;
    }

    /** The member's payable by number; 404 when it is not theirs. */
    public Payable payable(long memberId, String number) {
        if (!MembershipApi.isTopUp(number)) {
            return ordering.payable(memberId, number);
        }
        MembershipApi.TopUpPayable t = members.topUpPayable(memberId, number);
        return new Payable(t.topupNo(), 0, t.payFen(), t.status(), t.payBy(), t.description());
    }

    /** Records the payment with the payable's owner, in the caller's transaction; false when it had already ended. */
    public boolean markPaid(String number, String actor) {
        return MembershipApi.isTopUp(number) ? members.topUpPaid(number, actor) : ordering.markPaid(number, actor);
    }

    /** Whether the platform's fee is shared from this payment (orders; a top-up is the member's money held). */
    public static boolean shared(String number) {
        return !MembershipApi.isTopUp(number);
    }
}
