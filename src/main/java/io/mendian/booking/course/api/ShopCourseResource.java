package io.mendian.booking.course.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.booking.course.app.Courses;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;
import io.mendian.web.QueryParams;

/** Courses as anyone browsing a store sees them (C13). */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: courses")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class ShopCourseResource {

    private final Courses courses;
    private final StoreApi stores;

    public ShopCourseResource(Courses courses, StoreApi stores) {
        this.courses = courses;
        this.stores = stores;
    }

    @GET
    @Path("/stores/{storeId}/courses")
    @Operation(summary = "The store's courses open for enrolment, with seats left and the waiting list's length")
    public List<CourseView> atStore(@PathParam("appid") String appid, @PathParam("storeId") String storeId) {
        long store = QueryParams.requiredId("storeId", storeId);
        if (!stores.isBrowsable(store)) {
            throw ProblemException.notFound("store " + store);
        }
        return courses.enrolling(store);
    }

    @GET
    @Path("/courses/{courseId}")
    @Operation(summary = "One course with its sessions on the store's clock")
    public CourseView get(@PathParam("appid") String appid, @PathParam("courseId") String courseId) {
        return courses.published(QueryParams.requiredId("courseId", courseId));
    }
}
