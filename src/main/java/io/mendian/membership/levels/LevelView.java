package io.mendian.membership.levels;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A level with its benefits and how many members hold it now. */
public record LevelView(
        long id,
        String name,
        long minGrowth,
        int discountPercent,
        boolean freeDelivery,
        Long birthdayTemplateId,

        @Schema(description = "Members whose growth puts them at this level now")
        long members) {}
