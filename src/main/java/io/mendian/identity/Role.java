package io.mendian.identity;

import java.util.Arrays;
import java.util.Optional;

/**
 * A brand staff role, as written in the token's {@code grants} claim. The rank orders roles so that nobody can
 * grant a role above their own.
 */
public enum Role {
    HQ_ADMIN(50),
    HQ_STAFF(40),
    REGION_MANAGER(30),
    STORE_MANAGER(20),
    STORE_CLERK(10);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    public String claim() {
        return name().toLowerCase();
    }

    public boolean outranksOrEquals(Role other) {
        return rank >= other.rank;
    }

    public static Optional<Role> fromClaim(String claim) {
        return Arrays.stream(values()).filter(r -> r.claim().equals(claim)).findFirst();
    }
}
