package io.mendian.booking.api;

import java.util.List;

import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One day that differs from the weekly shifts: no intervals is a day off. */
public record StaffExceptionRequest(
        @Schema(description = "Working intervals that day, such as [\"10:00-14:00\"]; empty for a day off")
        @Size(max = 8)
        List<String> intervals,

        @Size(max = 200) String note) {}
