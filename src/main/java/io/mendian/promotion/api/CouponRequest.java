package io.mendian.promotion.api;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A coupon template. From a store, the store scope is that store whatever is sent. Money is in fen; a PERCENT
 * coupon's value is the percent taken off (15 = 15 % off), optionally capped by capFen.
 */
public record CouponRequest(
        @NotBlank @Size(max = 60) @Schema(example = "新客立减10元")
        String name,

        @Size(max = 200) String description,

        @Schema(description = "ALL, REGIONS or STORES: where the coupon is honoured")
        @NotNull
        @Pattern(regexp = "^(ALL|REGIONS|STORES)$")
        String storeScope,

        @Size(max = 50) List<@NotNull @Positive Long> regionIds,
        @Size(max = 200) List<@NotNull @Positive Long> storeIds,

        @Schema(description = "Limit to these SKUs (empty: every product)") @Size(max = 200)
        List<@NotNull @Positive Long> skuIds,

        @Schema(description = "Limit to these categories (empty: every category)") @Size(max = 50)
        List<@NotNull @Positive Long> categoryIds,

        @Schema(description = "Spend at least this much (fen) on the lines in scope; 0 for none", example = "5000")
        @NotNull
        @Min(0)
        @Max(100_000_000_00L)
        Long thresholdFen,

        @NotNull @Pattern(regexp = "^(AMOUNT|PERCENT)$") String type,

        @Schema(description = "AMOUNT: fen off; PERCENT: percent off (1-99)", example = "1000")
        @NotNull
        @Min(1)
        @Max(100_000_00L)
        Long value,

        @Schema(description = "PERCENT only: at most this much off (fen)") @Min(1) @Max(100_000_00L)
        Long capFen,

        @Schema(description = "Combines with no other coupon")
        Boolean exclusive,

        @Schema(description = "Members may claim it themselves; otherwise only HQ distributes it")
        Boolean claimable,

        @NotNull Instant validFrom,
        @NotNull Instant validUntil,

        @Schema(description = "Claimed coupons expire this many days after claiming (and never after validUntil)")
        @Min(1)
        @Max(365)
        Integer daysAfterClaim,

        @NotNull @Min(1) @Max(100) Integer perMemberLimit,

        @Schema(description = "How many coupons may be issued in all") @NotNull @Min(1) @Max(10_000_000)
        Integer budget) {}
