package io.mendian.ordering.app;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The order centre's filters as one SQL condition with positional parameters, shared by the page and the exports so
 * that an export holds exactly the rows the screen showed. {@code stores} is the caller's scope (null: every store).
 */
public record OrderCriteria(
        Set<Long> stores,
        Long storeId,
        String status,
        String mode,
        Long memberId,
        LocalDate from,
        LocalDate to,
        String phoneIndex) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The WHERE clause (without the keyword) and its parameters, in order. */
    record Sql(String where, List<Object> params) {}

    Sql sql() {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (stores != null) {
            conditions.add("store_id = any(?)");
            params.add(stores.toArray(Long[]::new));
        }
        if (storeId != null) {
            conditions.add("store_id = ?");
            params.add(storeId);
        }
        if (status != null) {
            conditions.add("status = ?");
            params.add(status);
        }
        if (mode != null) {
            conditions.add("fulfilment_mode = ?");
            params.add(mode);
        }
        if (memberId != null) {
            conditions.add("member_id = ?");
            params.add(memberId);
        }
        if (phoneIndex != null) {
            // The blind index of the delivery phone (OrderAddresses): an exact match, nothing in the clear.
            conditions.add("address_phone_index = ?");
            params.add(phoneIndex);
        }
        if (from != null) {
            conditions.add("created_at >= ?");
            params.add(from.atStartOfDay(CHINA).toOffsetDateTime());
        }
        if (to != null) {
            conditions.add("created_at < ?");
            params.add(to.plusDays(1).atStartOfDay(CHINA).toOffsetDateTime());
        }
        return new Sql(conditions.isEmpty() ? "true" : String.join(" and ", conditions), params);
    }
}
