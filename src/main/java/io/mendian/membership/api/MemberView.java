package io.mendian.membership.api;

import java.time.OffsetDateTime;

/** The member as they see themselves; no WeChat identifiers (openid, unionid) leave the server. */
public record MemberView(
        long id,
        String status,
        OffsetDateTime memberSince,
        OffsetDateTime lastLoginAt,

        @org.eclipse.microprofile.openapi.annotations.media.Schema(
                description = "Masked (138****8000); null until bound")
        String phone) {}
