package io.mendian.promotion.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.membership.MembershipApi;
import io.mendian.promotion.PriceBreakdown;
import io.mendian.promotion.PromotionApi;
import io.mendian.promotion.PromotionApi.CartLine;
import io.mendian.promotion.pricing.CouponTerms;
import io.mendian.promotion.pricing.ItemActivity;
import io.mendian.promotion.pricing.PointsTender;
import io.mendian.promotion.pricing.PriceLine;
import io.mendian.promotion.pricing.PricingEngine;
import io.mendian.promotion.pricing.PricingInput;
import io.mendian.promotion.pricing.Scope;
import io.mendian.web.ProblemException;

/**
 * Prices one store's part of a cart: checks the member's chosen coupons (theirs, unused, valid now, honoured at this
 * store), then runs the pipeline with HQ's stacking matrix. Reads only; {@link OrderPricing} writes.
 */
@ApplicationScoped
public class Pricing {

    static final int MAX_COUPONS = 10;

    private final EntityManager em;
    private final CouponTemplates templates;
    private final TemplateRows rows;
    private final Policies policies;
    private final MembershipApi members;
    private final io.mendian.catalog.CatalogApi catalog;

    public Pricing(
            EntityManager em,
            CouponTemplates templates,
            TemplateRows rows,
            Policies policies,
            MembershipApi members,
            io.mendian.catalog.CatalogApi catalog) {
        this.catalog = catalog;
        this.members = members;
        this.em = em;
        this.templates = templates;
        this.rows = rows;
        this.policies = policies;
    }

    public PriceBreakdown price(
            long memberId,
            long storeId,
            List<CartLine> lines,
            long feeFen,
            List<Long> couponIds,
            long points,
            long storedValueFen,
            List<PromotionApi.ItemTicket> tickets,
            List<io.mendian.promotion.pricing.FullReduction> reductions) {
        List<Long> chosen = couponIds == null ? List.of() : couponIds;
        if (chosen.size() > MAX_COUPONS) {
            throw ProblemException.unprocessable("too-many-coupons", "at most " + MAX_COUPONS + " coupons per order");
        }
        List<PriceBreakdown.Refusal> refused = new ArrayList<>();
        List<CouponTerms> usable = usable(memberId, storeId, chosen, refused);
        List<PriceLine> priceLines = lines.stream()
                .map(l -> new PriceLine(key(l.skuId()), l.skuId(), l.categoryId(), l.unitFen(), l.quantity()))
                .toList();
        // A flash or group price outranks any other item activity: the member was admitted to buy exactly these units.
        List<ItemActivity> activities = tickets.stream()
                .map(t -> new ItemActivity(
                        t.kind().toLowerCase(java.util.Locale.ROOT) + "-" + t.activityId(),
                        t.label(),
                        t.kind(),
                        t.skuId(),
                        t.priceFen(),
                        t.quantity(),
                        Integer.MAX_VALUE,
                        t.exclusive()))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        activities.addAll(levelPrices(memberId, priceLines));
        // A scope naming a parent category covers the products filed under its children.
        PricingInput input = new PricingInput(
                priceLines,
                feeFen,
                activities,
                reductions.stream()
                        .map(r -> new io.mendian.promotion.pricing.FullReduction(
                                r.id(), r.label(), expand(r.scope()), r.tiers()))
                        .toList(),
                usable.stream()
                        .map(c -> new CouponTerms(
                                c.id(),
                                c.label(),
                                c.hq(),
                                expand(c.scope()),
                                c.thresholdFen(),
                                c.type(),
                                c.value(),
                                c.capFen(),
                                c.exclusive()))
                        .toList(),
                policies.stacking(),
                tender(memberId, points),
                storedValue(memberId, storedValueFen));
        return PricingEngine.quote(input).withEarlierRefusals(refused);
    }

    /**
     * The member's level price on every line (percent off the store price), at the lowest priority: an activity price
     * (flash sale, group buy) on a line replaces it rather than stacking on it.
     */
    private List<ItemActivity> levelPrices(long memberId, List<PriceLine> lines) {
        MembershipApi.LevelBenefits level = members.levelBenefits(memberId);
        if (level.discountPercent() <= 0) {
            return List.of();
        }
        String label = level.levelName() + " " + zhe(100 - level.discountPercent());
        return lines.stream()
                .map(l -> new ItemActivity(
                        "level-" + l.skuId(),
                        label,
                        "MEMBER_LEVEL",
                        l.skuId(),
                        l.unitFen() * (100 - level.discountPercent()) / 100,
                        l.quantity(),
                        0,
                        false))
                .toList();
    }

    /** 95 -> "9.5折", 90 -> "9折", 88 -> "8.8折": how a Chinese price tag says percent paid. */
    static String zhe(int percentPaid) {
        return (percentPaid % 10 == 0 ? String.valueOf(percentPaid / 10) : percentPaid / 10 + "." + percentPaid % 10)
                + "折";
    }

    private io.mendian.promotion.pricing.Scope expand(io.mendian.promotion.pricing.Scope scope) {
        return scope.categoryIds().isEmpty()
                ? scope
                : new io.mendian.promotion.pricing.Scope(scope.skuIds(), catalog.withDescendants(scope.categoryIds()));
    }

    /** What stored value may pay: the amount asked, if the balance covers it (otherwise a 409 now, not at checkout). */
    private long storedValue(long memberId, long asked) {
        if (asked <= 0) {
            return 0;
        }
        long balance = members.storedValueBalance(memberId);
        if (asked > balance) {
            throw ProblemException.conflict(
                            "insufficient-balance",
                            "only " + java.math.BigDecimal.valueOf(balance, 2) + " yuan of stored value is available")
                    .with("balanceFen", balance);
        }
        return asked;
    }

    private PointsTender tender(long memberId, long points) {
        if (points <= 0) {
            return PointsTender.NONE;
        }
        MembershipApi.PointsOffer offer = members.pointsOffer(memberId);
        return new PointsTender(points, offer.available(), offer.redeemPointsPerYuan(), offer.maxRedeemPercent());
    }

    /** The line key of a SKU within one store's order (one line per SKU). */
    public static String key(long skuId) {
        return "sku-" + skuId;
    }

    private List<CouponTerms> usable(
            long memberId, long storeId, List<Long> chosen, List<PriceBreakdown.Refusal> refused) {
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        params.add(chosen.toArray(Long[]::new));
        String here = templates.honouredAt(storeId, params);
        var query =
                em.createNativeQuery("select m.id, m.member_id, m.status, m.valid_from <= now() and m.valid_until > "
                        + "now(), " + here + ", t.issuer, cast(t.sku_ids as text), cast(t.category_ids as text), "
                        + "t.threshold_fen, t.type, t.value, t.cap_fen, t.exclusive, t.name from member_coupon m join "
                        + "coupon_template t on t.id = m.template_id where m.id = any(cast(?1 as bigint[]))");
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = query.getResultList();
        Map<Long, Object[]> byId = new HashMap<>();
        found.forEach(r -> byId.put(((Number) r[0]).longValue(), r));
        List<CouponTerms> usable = new ArrayList<>();
        for (long id : chosen.stream().distinct().toList()) {
            Object[] r = byId.get(id);
            String reason = null;
            String kind = r == null ? "COUPON" : "HQ".equals(r[5]) ? "HQ_COUPON" : "STORE_COUPON";
            if (r == null || ((Number) r[1]).longValue() != memberId) {
                // Someone else's coupon looks exactly like one that does not exist.
                reason = "not-yours";
                kind = "COUPON";
            } else if ("USED".equals(r[2])) {
                reason = "used";
            } else if (!(Boolean) r[3]) {
                reason = "expired";
            } else if (!(Boolean) r[4]) {
                reason = "not-at-this-store";
            }
            if (reason != null) {
                refused.add(new PriceBreakdown.Refusal(kind, String.valueOf(id), reason));
                continue;
            }
            usable.add(new CouponTerms(
                    String.valueOf(id),
                    (String) r[13],
                    "HQ".equals(r[5]),
                    new Scope(Set.copyOf(rows.ids((String) r[6])), Set.copyOf(rows.ids((String) r[7]))),
                    ((Number) r[8]).longValue(),
                    CouponTerms.Type.valueOf((String) r[9]),
                    ((Number) r[10]).longValue(),
                    r[11] == null ? null : ((Number) r[11]).longValue(),
                    (Boolean) r[12]));
        }
        return usable;
    }
}
