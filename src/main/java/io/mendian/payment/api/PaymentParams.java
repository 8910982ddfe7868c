package io.mendian.payment.api;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What the mini-program passes to {@code wx.requestPayment}, signed by the server with the merchant key. */
@Schema(description = "Arguments for wx.requestPayment, plus the payment attempt they belong to")
public record PaymentParams(
        String appId,
        String timeStamp,
        String nonceStr,

        @JsonProperty("package") @Schema(name = "package", description = "prepay_id=...")
        String packageValue,

        String signType,
        String paySign,

        @Schema(description = "The attempt's merchant order number at WeChat Pay")
        String outTradeNo,

        long amountFen,

        @Schema(description = "After this the payment is closed and the order expires")
        OffsetDateTime payBy) {}
