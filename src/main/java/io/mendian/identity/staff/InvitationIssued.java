package io.mendian.identity.staff;

import java.util.List;

/** An invitation was stored; its e-mail goes out after the transaction commits. */
record InvitationIssued(String invitationId, String brand, String email, List<String> grants, String invitedBy) {}
