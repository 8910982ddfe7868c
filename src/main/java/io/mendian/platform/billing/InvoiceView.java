package io.mendian.platform.billing;

import java.time.OffsetDateTime;
import java.util.List;

/** An invoice as HQ and the operator see it; amounts in fen. */
public record InvoiceView(
        long id,
        String number,
        String tenantId,
        String period,
        String plan,
        String status,
        String currency,
        long totalFen,
        long paidFen,
        long outstandingFen,
        boolean overdue,
        OffsetDateTime issuedAt,
        OffsetDateTime dueAt,
        OffsetDateTime paidAt,
        List<Invoicing.Line> lines,
        List<Step> dunning) {

    /** A dunning step taken on this invoice. */
    public record Step(String step, OffsetDateTime at, String detail) {}
}
