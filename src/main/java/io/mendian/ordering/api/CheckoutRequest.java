package io.mendian.ordering.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Checks out the cart's parts for these stores, each fulfilled its own way: one order per store. */
public record CheckoutRequest(@NotEmpty @Size(max = 10) List<@Valid @NotNull StoreOrder> orders) {

    /** How one store's part is fulfilled. */
    public record StoreOrder(
            @NotNull @Positive Long storeId,

            @Schema(description = "PICKUP, DELIVERY or EXPRESS")
            @NotNull
            @Pattern(regexp = "^(PICKUP|DELIVERY|EXPRESS)$")
            String mode,

            @Schema(description = "For PICKUP: when, inside the store's opening hours, within 7 days")
            Instant pickupAt,

            @Schema(description = "For DELIVERY and EXPRESS") @Valid
            Address address,

            @Size(max = 200) String note,

            @Schema(description = "Coupons from the member's wallet to use on this store's order (ids of /me/coupons)")
            @Size(max = 10)
            List<@NotNull @Positive Long> couponIds,

            @Schema(description = "Pay with at most this many points (within the brand's rule); 0 or absent for none")
            @jakarta.validation.constraints.Min(0)
            @jakarta.validation.constraints.Max(1_000_000_000)
            Long points,

            @Schema(
                    description =
                            "Pay at most this much (fen) from the member's stored value, after points; 0 or absent "
                                    + "for none. 409 insufficient-balance when the balance does not cover it.")
            @jakarta.validation.constraints.Min(0)
            @jakarta.validation.constraints.Max(100_000_000_00L)
            Long storedValueFen) {}

    /** Where to deliver; coordinates are GCJ-02 as WeChat's location picker gives them. */
    public record Address(
            @NotBlank @Size(max = 40) String name,

            @NotBlank @Pattern(regexp = "^[0-9+\\- ]{5,20}$")
            String phone,

            @NotBlank @Size(max = 200) String detail,

            @DecimalMin("-90") @DecimalMax("90") @Digits(integer = 3, fraction = 8)
            BigDecimal latitude,

            @DecimalMin("-180") @DecimalMax("180") @Digits(integer = 3, fraction = 8)
            BigDecimal longitude) {}
}
