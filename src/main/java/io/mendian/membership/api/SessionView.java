package io.mendian.membership.api;

/** A consumer session: send {@code accessToken} as a bearer token; redeem {@code refreshToken} once for a new pair. */
public record SessionView(
        String accessToken,
        String tokenType,
        long expiresIn,
        String refreshToken,
        long refreshExpiresIn,
        long memberId,
        boolean newMember) {}
