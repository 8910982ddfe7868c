package io.mendian.platform.registry.api;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Answers once the appid has been resolved to an active brand: the mini-program's connectivity check, and the
 * no-op baseline the benchmarks compare shop endpoints against (same routing, no work).
 */
@Path("/api/shop/{appid}/ping")
@Tag(name = "Shop: stores")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopPingResource {

    @GET
    @Operation(summary = "Is this mini-program's brand reachable?")
    public Map<String, Object> ping(@PathParam("appid") String appid) {
        return Map.of("appid", appid, "ok", true);
    }
}
