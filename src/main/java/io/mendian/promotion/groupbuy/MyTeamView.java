package io.mendian.promotion.groupbuy;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One of the member's seats in a team, with the order that holds it. */
public record MyTeamView(
        TeamView team,
        String orderNo,

        @Schema(description = "PENDING (to pay), PAID, or LEFT (the order was cancelled, expired or refunded)")
        String seat,

        boolean leader) {}
