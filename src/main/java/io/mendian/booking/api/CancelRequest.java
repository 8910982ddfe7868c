package io.mendian.booking.api;

import jakarta.validation.constraints.Size;

/** Why an appointment is cancelled (the store must say; a member may). */
public record CancelRequest(@Size(max = 200) String reason) {}
