package io.mendian.booking.course.api;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.booking.api.CancelRequest;
import io.mendian.booking.course.app.Enrolments;
import io.mendian.identity.ConsumerOnly;
import io.mendian.identity.CurrentConsumer;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;

/** A member's classes (C13): enrol and pay, wait for a seat, cancel, and progress. */
@Path("/api/shop/{appid}")
@Tag(name = "Shop: courses")
@PermitAll
@ConsumerOnly
@Produces(MediaType.APPLICATION_JSON)
public class ShopEnrolmentResource {

    /** The course to enrol in. */
    public record EnrolRequest(@NotNull @Positive Long courseId) {}

    /** A place on a waiting list (1 is next). */
    public record WaitingView(long courseId, Integer position) {}

    private final Enrolments enrolments;
    private final CurrentConsumer consumer;
    private final Idempotency idempotency;

    public ShopEnrolmentResource(Enrolments enrolments, CurrentConsumer consumer, Idempotency idempotency) {
        this.enrolments = enrolments;
        this.consumer = consumer;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/enrolments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Enrol in a course",
            description = "Takes a seat: a priced course is HELD until its order (orderNo) is paid, which confirms it; "
                    + "a free one is CONFIRMED at once. 409 course-full (with waiting) when every seat is taken or "
                    + "promised to the waiting list; 409 already-begun after the first session. Enrolling again "
                    + "answers the same enrolment. Send an Idempotency-Key.")
    public Response enrol(
            @PathParam("appid") String appid,
            @HeaderParam(Idempotency.HEADER) String key,
            @Valid @NotNull EnrolRequest request) {
        long member = consumer.memberId();
        return idempotency.run(
                Idempotency.requireKey(key),
                "course.enrol",
                request,
                Response.Status.CREATED,
                () -> enrolments.enrol(member, request.courseId()));
    }

    @GET
    @Path("/enrolments")
    @Operation(summary = "My classes, newest first, with progress (attended of sessions) and the next session")
    public Page<EnrolmentView> mine(@PathParam("appid") String appid, @BeanParam PageRequest page) {
        return enrolments.mine(consumer.memberId(), page);
    }

    @GET
    @Path("/enrolments/{enrolmentId}")
    @Operation(summary = "One of my enrolments, with the code to show at check-in")
    public EnrolmentView get(@PathParam("appid") String appid, @PathParam("enrolmentId") String enrolmentId) {
        return enrolments.get(consumer.memberId(), QueryParams.requiredId("enrolmentId", enrolmentId));
    }

    @POST
    @Path("/enrolments/{enrolmentId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Cancel my enrolment",
            description = "A held seat ends; a paid one is refunded for every session that starts at least the "
                    + "course's refundHours from now, in proportion (refundFen). The seat goes to the waiting list.")
    public EnrolmentView cancel(
            @PathParam("appid") String appid,
            @PathParam("enrolmentId") String enrolmentId,
            @Valid @NotNull CancelRequest request) {
        return enrolments.cancel(
                consumer.memberId(), QueryParams.requiredId("enrolmentId", enrolmentId), request.reason());
    }

    @GET
    @Path("/courses/{courseId}/waitlist")
    @Operation(summary = "My place on the course's waiting list (position null: not waiting)")
    public WaitingView position(@PathParam("appid") String appid, @PathParam("courseId") String courseId) {
        long course = QueryParams.requiredId("courseId", courseId);
        return new WaitingView(
                course, enrolments.position(course, consumer.memberId()).orElse(null));
    }

    @POST
    @Path("/courses/{courseId}/waitlist")
    @Operation(
            summary = "Wait for a seat",
            description = "When a seat frees, the first member waiting is given it as a held enrolment to pay within "
                    + "the offer window. 409 already-enrolled, waitlist-full (200), already-begun.")
    public WaitingView join(@PathParam("appid") String appid, @PathParam("courseId") String courseId) {
        long course = QueryParams.requiredId("courseId", courseId);
        return new WaitingView(course, enrolments.join(consumer.memberId(), course));
    }

    @DELETE
    @Path("/courses/{courseId}/waitlist")
    @Operation(summary = "Stop waiting")
    public Map<String, Boolean> leave(@PathParam("appid") String appid, @PathParam("courseId") String courseId) {
        enrolments.leave(consumer.memberId(), QueryParams.requiredId("courseId", courseId));
        return Map.of("waiting", false);
    }
}
