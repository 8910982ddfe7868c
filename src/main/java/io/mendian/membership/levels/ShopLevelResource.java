package io.mendian.membership.levels;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;

/** The member's level, growth and birthday, and the brand's levels, for the member centre. */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: member")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopLevelResource {

    private final MemberLevels members;
    private final Levels levels;
    private final CurrentConsumer consumer;

    public ShopLevelResource(MemberLevels members, Levels levels, CurrentConsumer consumer) {
        this.members = members;
        this.levels = levels;
        this.consumer = consumer;
    }

    @GET
    @Path("/levels")
    @Operation(summary = "The brand's levels and their benefits, lowest first (anonymous; member counts are zero)")
    public List<LevelView> levels(@PathParam("appid") String appid) {
        return levels.ladder();
    }

    @GET
    @Path("/me/level")
    @ConsumerOnly
    @Operation(summary = "The member's growth value, level, next level and birthday")
    public MyLevelView mine(@PathParam("appid") String appid) {
        return members.of(consumer.memberId());
    }

    @PUT
    @Path("/me/birthday")
    @Consumes(MediaType.APPLICATION_JSON)
    @ConsumerOnly
    @Operation(
            summary = "Set the member's birthday (month and day), once",
            description = "For the level's birthday coupon. 409 birthday-set when it was set before.")
    public MyLevelView birthday(@PathParam("appid") String appid, @Valid @NotNull BirthdayRequest request) {
        return members.setBirthday(consumer.memberId(), request.birthday());
    }
}
