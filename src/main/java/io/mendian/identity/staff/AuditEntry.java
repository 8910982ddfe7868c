package io.mendian.identity.staff;

import java.time.OffsetDateTime;

/** One sensitive staff action, as recorded in the brand's audit log. */
public record AuditEntry(long id, String actor, String action, String targetUser, String detail, OffsetDateTime at) {}
