package io.mendian.membership.points;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.membership.MembershipApi;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/** Reading a member's points, and HQ's adjustments by hand. */
@ApplicationScoped
public class MemberPoints {

    private static final int SOON_DAYS = 30;

    private final PointsLedger ledger;
    private final PointsRules rules;
    private final MembershipApi members;

    public MemberPoints(PointsLedger ledger, PointsRules rules, MembershipApi members) {
        this.ledger = ledger;
        this.rules = rules;
        this.members = members;
    }

    public PointsView of(long memberId, PageRequest page) {
        Object[] soon = ledger.expiring(memberId, SOON_DAYS);
        return new PointsView(
                ledger.balance(memberId),
                ((Number) soon[0]).longValue(),
                io.mendian.web.Rows.offset(soon[1]),
                rules.current(),
                ledger.history(memberId, page));
    }

    /** For HQ: the member must exist in this brand (404 otherwise, whatever the id). */
    public PointsView ofMember(long memberId, PageRequest page) {
        requireMember(memberId);
        return of(memberId, page);
    }

    @Transactional
    public PointsView adjust(long memberId, PointsAdjustment adjustment, String actor) {
        return adjustAt(memberId, adjustment, actor, null);
    }

    /** The same at a store's counter: the ledger names the store. */
    @Transactional
    public PointsView adjustAt(long memberId, PointsAdjustment adjustment, String actor, Long storeId) {
        requireMember(memberId);
        if (adjustment.delta() == 0) {
            throw ProblemException.unprocessable("invalid-points", "an adjustment adds or takes at least one point");
        }
        var change = new PointsLedger.Change(
                memberId,
                Math.abs(adjustment.delta()),
                "ADJUST",
                "adjust:" + UUID.randomUUID(),
                storeId,
                adjustment.reason().strip(),
                actor,
                rules.expiryFromNow());
        if (adjustment.delta() > 0) {
            ledger.credit(change);
        } else {
            ledger.debit(change, false);
        }
        return of(memberId, pageOne());
    }

    private void requireMember(long memberId) {
        if (members.activeAmong(java.util.Set.of(memberId)).isEmpty()) {
            throw ProblemException.notFound("member " + memberId);
        }
    }

    private static PageRequest pageOne() {
        return PageRequest.of(0, 20);
    }
}
