package io.mendian.promotion.api;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.mendian.promotion.DiscountKind;
import io.mendian.promotion.pricing.Stacking;
import io.mendian.web.ProblemException;

/** HQ's stacking matrix and approval policy, as the HQ console edits it. */
public record PolicyView(
        @Schema(description = "For each kind, the kinds it combines with (symmetric)")
        Map<String, List<String>> combines,

        int maxHqCoupons,
        int maxStoreCoupons,

        @Schema(description = "AUTO: store proposals go live at once; REVIEW: HQ approves each")
        String storeApproval,

        String updatedBy,
        OffsetDateTime updatedAt) {

    /** The order the pipeline applies discounts in, for the console to draw the matrix. */
    public static final List<String> KINDS =
            List.of(DiscountKind.values()).stream().map(Enum::name).toList();

    public static PolicyView of(Stacking stacking, String approval, String by, OffsetDateTime at) {
        Map<String, List<String>> combines = new TreeMap<>();
        for (DiscountKind a : DiscountKind.values()) {
            combines.put(
                    a.name(),
                    stacking.combines().get(a).stream().sorted().map(Enum::name).toList());
        }
        return new PolicyView(combines, stacking.maxHqCoupons(), stacking.maxStoreCoupons(), approval, by, at);
    }

    public Stacking toStacking() {
        return new Stacking(matrix(combines), maxHqCoupons, maxStoreCoupons);
    }

    public static String describe(Stacking stacking, String approval) {
        return "matrix " + stacking.combines() + ", max HQ " + stacking.maxHqCoupons() + ", max store "
                + stacking.maxStoreCoupons() + ", store proposals " + approval;
    }

    /** The new policy; the matrix is read symmetrically (either side refusing is a refusal). */
    public record Update(
            @NotNull @Size(max = 4) Map<String, @NotNull @Size(max = 4) List<@NotNull String>> combines,

            @NotNull @Min(0) @Max(10) Integer maxHqCoupons,

            @NotNull @Min(0) @Max(10) Integer maxStoreCoupons,

            @NotNull @Pattern(regexp = "^(AUTO|REVIEW)$") String storeApproval) {

        public Stacking toStacking() {
            return new Stacking(matrix(combines), maxHqCoupons, maxStoreCoupons);
        }
    }

    private static Map<DiscountKind, Set<DiscountKind>> matrix(Map<String, List<String>> combines) {
        Map<DiscountKind, Set<DiscountKind>> matrix = new EnumMap<>(DiscountKind.class);
        combines.forEach((key, values) -> {
            Set<DiscountKind> set = EnumSet.noneOf(DiscountKind.class);
            values.forEach(v -> set.add(kind(v)));
            matrix.put(kind(key), set);
        });
        return matrix;
    }

    private static DiscountKind kind(String name) {
        try {
            return DiscountKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.unprocessable("unknown-discount-kind", "no discount kind " + name)
                    .with("kinds", KINDS);
        }
    }
}
