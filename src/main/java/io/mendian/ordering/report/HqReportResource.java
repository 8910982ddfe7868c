package io.mendian.ordering.report;

import java.time.ZoneId;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.identity.AccessPolicy;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.store.StoreApi;
import io.quarkus.security.Authenticated;

/** HQ's dashboard figures: the day of every store in the caller's scope (a region manager's region only). */
@Path("/api/hq/reports")
@Tag(name = "HQ: orders")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class HqReportResource {

    /** HQ's day is China's, like the order centre's dates and exports. */
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final OrderReports reports;
    private final StoreApi stores;
    private final AccessPolicy policy;
    private final CurrentCaller caller;

    public HqReportResource(OrderReports reports, StoreApi stores, AccessPolicy policy, CurrentCaller caller) {
        this.reports = reports;
        this.stores = stores;
        this.policy = policy;
        this.caller = caller;
    }

    @GET
    @Path("/day")
    @Requires(Capability.ORDER_OVERVIEW)
    @Operation(
            summary = "One day of the stores in scope: orders, sales, hours, best sellers and sales per store",
            description = "date=YYYY-MM-DD (default: today), Shanghai time.")
    public DayReport day(@QueryParam("date") String date) {
        var scope = stores.storeIdsIn(policy.storeFilter(caller.get(), Capability.ORDER_OVERVIEW));
        return reports.day(scope, ReportDates.parse(date, CHINA), CHINA, stores::labels);
    }
}
