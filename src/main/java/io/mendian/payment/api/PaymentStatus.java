package io.mendian.payment.api;

import java.time.OffsetDateTime;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Whether an order is paid, as the member's client polls it after wx.requestPayment returns. */
@Schema(description = "The payment of one order")
public record PaymentStatus(
        String orderNo,

        @Schema(description = "NONE (never started), OPEN (waiting for the customer), PAID or CLOSED")
        String status,

        String outTradeNo,
        String transactionId,
        long amountFen,
        OffsetDateTime paidAt) {}
