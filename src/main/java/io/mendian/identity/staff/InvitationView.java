package io.mendian.identity.staff;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A pending (or decided) invitation to a brand's staff. It names the address and the roles offered, never the
 * account behind the address: the brand learns nothing about someone until they accept.
 */
public record InvitationView(
        String id,
        String brand,
        String email,
        List<String> grants,
        String status,
        String invitedBy,
        OffsetDateTime createdAt,
        OffsetDateTime expiresAt) {}
