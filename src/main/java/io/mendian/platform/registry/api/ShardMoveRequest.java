package io.mendian.platform.registry.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** Where the operator moves a brand: one of the shards GET /api/platform/shards lists. */
public record ShardMoveRequest(
        @NotBlank @Pattern(regexp = "^[a-z][a-z0-9-]{0,39}$", message = "a shard name: lower case letters, digits, -")
        String shard) {}
