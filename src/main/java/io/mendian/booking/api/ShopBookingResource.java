package io.mendian.booking.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.booking.app.ServiceItems;
import io.mendian.booking.app.Slots;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** What a store offers to book, and its open starts (anonymous, like the rest of the store's page). */
@Path("/api/shop/{appid}/stores/{storeId}/service-items")
@Tag(name = "Shop: booking")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopBookingResource {

    private final ServiceItems items;
    private final Slots slots;
    private final StoreApi stores;

    public ShopBookingResource(ServiceItems items, Slots slots, StoreApi stores) {
        this.items = items;
        this.slots = slots;
        this.stores = stores;
    }

    @GET
    @Operation(summary = "Service items offered at the store", description = "With who performs each. Anonymous.")
    public List<ShopServiceItemView> items(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        return items.atStore(browsable(storeId));
    }

    @GET
    @Path("/{serviceItemId}/slots")
    @Operation(
            summary = "Open starts of an item on a day",
            description = "date is the store's calendar day (absent: today there), within the brand's horizon; "
                    + "staffId narrows to one person. Each start says how many more it takes and who is free. "
                    + "Anonymous.")
    public DaySlotsView slots(
            @PathParam("appid") String appid,
            @PathParam("storeId") String storeId,
            @PathParam("serviceItemId") String itemId,
            @QueryParam("date") String date,
            @QueryParam("staffId") String staffId) {
        long store = browsable(storeId);
        LocalDate today = LocalDate.now(stores.timeZone(store));
        LocalDate day = QueryParams.date("date", date);
        if (day == null) {
            day = today;
        }
        if (day.isBefore(today.minusDays(1)) || day.isAfter(today.plusDays(366))) {
            throw ProblemException.badRequest("date-out-of-range", "date is from today to a year ahead");
        }
        return slots.day(
                store,
                QueryParams.requiredId("serviceItemId", itemId),
                day,
                QueryParams.positiveLong("staffId", staffId),
                Slots.Audience.MEMBER);
    }

    private long browsable(String storeId) {
        long store = QueryParams.requiredId("storeId", storeId);
        if (!stores.isBrowsable(store)) {
            throw ProblemException.notFound("store " + store);
        }
        return store;
    }
}
