package io.mendian.ordering.aftersales;

import java.time.OffsetDateTime;
import java.util.List;

/** An after-sales request and what became of it. */
public record AfterSaleView(
        long id,
        String orderNo,
        long storeId,
        String kind,
        long amountFen,
        String reason,
        List<AfterSaleRequest.Line> lines,
        String status,
        Boolean restocked,
        String decisionNote,
        String decidedBy,
        OffsetDateTime decidedAt,
        String refundNo,
        OffsetDateTime createdAt) {}
