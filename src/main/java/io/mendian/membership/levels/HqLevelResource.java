package io.mendian.membership.levels;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.Requires;
import io.mendian.web.Idempotency;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's membership levels (H6): thresholds of growth value and what each gives. */
@Path("/api/hq/members/levels")
@Tag(name = "HQ: members")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqLevelResource {

    private final Levels levels;
    private final Growth growth;
    private final Idempotency idempotency;

    public HqLevelResource(Levels levels, Growth growth, Idempotency idempotency) {
        this.levels = levels;
        this.growth = growth;
        this.idempotency = idempotency;
    }

    @GET
    @Requires(Capability.MARKETING_READ)
    @Operation(
            summary = "Membership levels, lowest first",
            description = "Each with how many members hold it now (levels are derived from growth value, 1 per yuan "
                    + "paid, so they follow every change at once).")
    public List<LevelView> list() {
        return levels.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(
            summary = "Add a level",
            description = "409 level-threshold-taken when another level starts at the same growth; 422 too-many-levels "
                    + "past 20. Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull LevelRequest request) {
        return idempotency.run(key, "level.create", request, Response.Status.CREATED, () -> levels.create(request));
    }

    @PUT
    @Path("/{levelId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(summary = "Change a level's name, threshold or benefits (members move with it at once)")
    public LevelView update(@PathParam("levelId") String levelId, @Valid @NotNull LevelRequest request) {
        return levels.update(QueryParams.requiredId("levelId", levelId), request);
    }

    @DELETE
    @Path("/{levelId}")
    @Requires(Capability.MARKETING_MANAGE)
    @Operation(summary = "Remove a level (its members fall to the level below)")
    public Response delete(@PathParam("levelId") String levelId) {
        levels.delete(QueryParams.requiredId("levelId", levelId));
        return Response.noContent().build();
    }

    @GET
    @Path("/growth/{memberId}")
    @Requires(Capability.MARKETING_READ)
    @Operation(summary = "A member's latest growth changes (the last 50)")
    public List<GrowthEntry> growth(@PathParam("memberId") String memberId) {
        return growth.history(QueryParams.requiredId("memberId", memberId), 50);
    }
}
