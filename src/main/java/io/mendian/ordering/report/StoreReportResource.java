package io.mendian.ordering.report;

import java.time.ZoneId;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.Capability;
import io.mendian.identity.Requires;
import io.mendian.store.StoreApi;
import io.quarkus.security.Authenticated;

/** The store's own day report (S7); the access filter has already checked {storeId} against the caller's scope. */
@Path("/api/store/{storeId}/reports")
@Tag(name = "Store: orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StoreReportResource {

    private final OrderReports reports;
    private final StoreApi stores;

    public StoreReportResource(OrderReports reports, StoreApi stores) {
        this.reports = reports;
        this.stores = stores;
    }

    @GET
    @Path("/day")
    @Requires(Capability.ORDER_READ)
    @Operation(
            summary = "The store's day: orders, sales, hours, best sellers",
            description = "date=YYYY-MM-DD (default: today), midnight to midnight in the store's time zone.")
    public DayReport day(@PathParam("storeId") long storeId, @QueryParam("date") String date) {
        ZoneId zone = stores.timeZone(storeId);
        return reports.day(Set.of(storeId), ReportDates.parse(date, zone), zone, stores::labels);
    }
}
