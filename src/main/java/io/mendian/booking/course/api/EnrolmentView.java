package io.mendian.booking.course.api;

import java.time.Instant;

/**
 * An enrolment as its member and the store see it: HELD until paid (holdExpiresAt; orderNo is the order to pay),
 * CONFIRMED, CANCELLED (refundFen went back) or EXPIRED. Progress is attended of sessions; code is shown at check-in.
 * A seat offered from the waiting list (fromWaitlist) says in offerNotice whether the member was told by WeChat message:
 * SENT, NOT_SUBSCRIBED (they had not allowed course messages), NO_AUTHORIZED_MINI_PROGRAM or FAILED; null until tried.
 */
public record EnrolmentView(
        long id,
        String code,
        long courseId,
        String courseName,
        long storeId,
        String status,
        long priceFen,
        String orderNo,
        Instant holdExpiresAt,
        boolean fromWaitlist,
        long refundFen,
        int sessions,
        int attended,
        Instant nextSessionAt,
        String nextSessionLocal,
        Instant createdAt,
        String closeReason,
        String offerNotice) {}
