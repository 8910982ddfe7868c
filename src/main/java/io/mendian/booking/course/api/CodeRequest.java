package io.mendian.booking.course.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The enrolment code the learner shows at the desk. */
public record CodeRequest(@NotBlank @Size(max = 12) String code) {}
