package io.mendian.platform.signup;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A signup job as the signing-up brand sees it while polling. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SignupView(
        UUID id,
        String tenant,
        String status,
        String error,
        List<StepView> steps,
        Result result,
        OffsetDateTime createdAt,
        OffsetDateTime finishedAt) {

    public record StepView(
            String step,
            String state,
            int attempts,
            String detail,
            String error,
            OffsetDateTime startedAt,
            OffsetDateTime finishedAt) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(
            String tenant,
            String appid,
            String adminUsername,

            @Schema(description = "Dev and test only: the admin's initial password, shown exactly once")
            String initialPassword,

            String note) {}
}
