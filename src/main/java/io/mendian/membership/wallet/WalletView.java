package io.mendian.membership.wallet;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The member's stored value: the balance split into what they paid and what they were given, and its ledger. */
public record WalletView(
        long balanceFen,
        @Schema(description = "Paid in by the member") long principalFen,

        @Schema(description = "Given by the brand with top-ups")
        long giftFen,

        List<Entry> ledger) {

    /** One change: TOPUP, SPEND, RETURN or ADJUST. */
    public record Entry(
            String kind,
            long principalFen,
            long giftFen,
            long balanceAfterFen,
            Long storeId,
            String note,
            OffsetDateTime at) {}
}
