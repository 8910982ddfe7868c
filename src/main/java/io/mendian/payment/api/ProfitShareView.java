package io.mendian.payment.api;

import java.time.OffsetDateTime;

/**
 * The platform's fee on one paid order, as HQ sees it. {@code baseFen} (paid less refunded) and {@code amountFen}
 * are set once the order is final; WAITING until then, REQUESTED or PROCESSING at WeChat Pay, FINISHED when shared
 * (the rest released to the brand), NOT_NEEDED when nothing was left (refunded in full) or nothing was frozen.
 */
public record ProfitShareView(
        String orderNo,
        String transactionId,
        int feeBps,
        Long baseFen,
        Long amountFen,
        String status,
        String lastError,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt) {}
