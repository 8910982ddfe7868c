package io.mendian.promotion.app;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.promotion.api.CouponView;
import io.mendian.web.Rows;

/** Reads and writes coupon_template rows: one column list, one mapper. */
@ApplicationScoped
public class TemplateRows {

    static final String COLUMNS = "t.id, t.issuer, t.proposed_by_store, t.name, t.description, t.store_scope, "
            + "cast(t.region_ids as text), cast(t.store_ids as text), cast(t.sku_ids as text), "
            + "cast(t.category_ids as text), t.threshold_fen, t.type, t.value, t.cap_fen, t.exclusive, t.claimable, "
            + "t.valid_from, t.valid_until, t.days_after_claim, t.per_member_limit, t.budget, t.issued, t.used, "
            + "t.status, t.created_by, t.created_at, t.decided_by, t.decided_at, t.decision_note";

    private final ObjectMapper json;

    public TemplateRows(ObjectMapper json) {
        this.json = json;
    }

    CouponView view(Object[] r) {
        return new CouponView(
                ((Number) r[0]).longValue(),
                (String) r[1],
                r[2] == null ? null : ((Number) r[2]).longValue(),
                (String) r[3],
                (String) r[4],
                (String) r[5],
                ids((String) r[6]),
                ids((String) r[7]),
                ids((String) r[8]),
                ids((String) r[9]),
                ((Number) r[10]).longValue(),
                (String) r[11],
                ((Number) r[12]).longValue(),
                r[13] == null ? null : ((Number) r[13]).longValue(),
                (Boolean) r[14],
                (Boolean) r[15],
                Rows.offset(r[16]),
                Rows.offset(r[17]),
                r[18] == null ? null : ((Number) r[18]).intValue(),
                ((Number) r[19]).intValue(),
                ((Number) r[20]).intValue(),
                ((Number) r[21]).intValue(),
                ((Number) r[22]).intValue(),
                (String) r[23],
                (String) r[24],
                Rows.offset(r[25]),
                (String) r[26],
                Rows.offset(r[27]),
                (String) r[28]);
    }

    public List<Long> ids(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, new TypeReference<List<Long>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an id list column is not a JSON array", e);
        }
    }

    public String write(List<Long> ids) {
        try {
            return json.writeValueAsString(
                    ids == null ? List.of() : ids.stream().distinct().sorted().toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
