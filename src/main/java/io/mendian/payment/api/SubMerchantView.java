package io.mendian.payment.api;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The brand's sub-merchant account at WeChat Pay as HQ and the operator see it. */
@Schema(description = "Sub-merchant state: NOT_APPLIED, AUDITING, REJECTED, TO_BE_SIGNED, ACTIVE, ...")
public record SubMerchantView(
        String tenant,
        String state,

        @Schema(description = "WeChat Pay's words about the state (a rejection reason, for instance)")
        String message,

        String subMchid,
        String businessCode,
        Long applymentId,
        OffsetDateTime submittedAt,
        OffsetDateTime activatedAt,

        @Schema(description = "Whether customers can pay now")
        boolean canTakePayments) {

    public static SubMerchantView notApplied(String tenant) {
        return new SubMerchantView(
                tenant,
                "NOT_APPLIED",
                "submit the brand's business and bank details to open a WeChat Pay sub-merchant account",
                null,
                null,
                null,
                null,
                null,
                false);
    }
}
