package io.mendian.payment.app;

import com.google.gson.annotations.SerializedName;

/**
 * The decrypted resource of a refund callback (partner mode). The SDK's own refund notification type has no merchant
 * ids, which Mendian checks against the brand of the callback URL.
 */
public class RefundResult {

    @SerializedName("sp_mchid")
    String spMchid;

    @SerializedName("sub_mchid")
    String subMchid;

    @SerializedName("out_trade_no")
    String outTradeNo;

    @SerializedName("out_refund_no")
    String outRefundNo;

    @SerializedName("refund_id")
    String refundId;

    @SerializedName("refund_status")
    String refundStatus;

    @SerializedName("amount")
    Amount amount;

    static class Amount {
        @SerializedName("total")
        Long total;

        @SerializedName("refund")
        Long refund;
    }
}
