package io.mendian.membership.levels;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The member's growth, level and the next level, for the member centre. */
public record MyLevelView(
        long growth,

        @Schema(description = "null when the brand has no level the member reaches")
        LevelView level,

        @Schema(description = "The next level up, null at the top")
        LevelView next,

        @Schema(description = "MM-DD, null until the member sets it")
        String birthday) {}
