package io.mendian.booking.course.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.mendian.booking.api.CancelRequest;
import io.mendian.booking.course.app.Courses;
import io.mendian.identity.Capability;
import io.mendian.identity.CurrentCaller;
import io.mendian.identity.Requires;
import io.mendian.web.Idempotency;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.QueryParams;
import io.quarkus.security.Authenticated;

/** HQ's courses and classes (C13): drafts, opening, closing, cancelling, and who is enrolled. */
@Path("/api/hq/courses")
@Tag(name = "HQ: courses")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Requires(Capability.BOOKING_MANAGE)
public class HqCourseResource {

    enum Status {
        DRAFT,
        OPEN,
        CLOSED,
        CANCELLED,
        FINISHED
    }

    private final Courses courses;
    private final CurrentCaller caller;
    private final Idempotency idempotency;

    public HqCourseResource(Courses courses, CurrentCaller caller, Idempotency idempotency) {
        this.courses = courses;
        this.caller = caller;
        this.idempotency = idempotency;
    }

    @GET
    @Operation(
            summary = "Courses, newest first",
            description = "status=DRAFT, OPEN, CLOSED, CANCELLED or FINISHED narrows the list.")
    public Page<CourseView> list(@QueryParam("status") String status, @BeanParam PageRequest page) {
        Status wanted = QueryParams.enumValue("status", status, Status.class);
        return courses.list(wanted == null ? null : wanted.name(), page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Write a course as a draft",
            description = "Single sessions or a weekly series on the store's calendar (1 to 100 sessions, none "
                    + "overlapping); the teacher must be on the store's booking staff. 409 duplicate-code. Audited. "
                    + "Send an Idempotency-Key.")
    public Response create(@HeaderParam(Idempotency.HEADER) String key, @Valid @NotNull CourseRequest request) {
        String who = caller.get().username();
        return idempotency.run(
                key, "course.create", request, Response.Status.CREATED, () -> courses.create(request, who));
    }

    @GET
    @Path("/{courseId}")
    @Operation(summary = "One course with its sessions")
    public CourseView get(@PathParam("courseId") String courseId) {
        return courses.get(QueryParams.requiredId("courseId", courseId));
    }

    @PUT
    @Path("/{courseId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rewrite a draft", description = "409 not-a-draft once it is open. Audited.")
    public CourseView update(@PathParam("courseId") String courseId, @Valid @NotNull CourseRequest request) {
        return courses.update(
                QueryParams.requiredId("courseId", courseId),
                request,
                caller.get().username());
    }

    @POST
    @Path("/{courseId}/open")
    @Operation(
            summary = "Open enrolment",
            description = "Books the teacher for every session: 409 teacher-busy names the session that clashes with "
                    + "their appointments or another class. A repeat answers the same. Audited.")
    public CourseView open(@PathParam("courseId") String courseId) {
        return courses.open(
                QueryParams.requiredId("courseId", courseId), caller.get().username());
    }

    @POST
    @Path("/{courseId}/close")
    @Operation(
            summary = "Close enrolment",
            description = "No new enrolments and the waiting list is dropped; the sessions still take place. Audited.")
    public CourseView close(@PathParam("courseId") String courseId) {
        return courses.close(
                QueryParams.requiredId("courseId", courseId), caller.get().username());
    }

    @POST
    @Path("/{courseId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Cancel the course",
            description = "Every learner is refunded the sessions not yet begun, held seats end, the teacher's time "
                    + "is freed. Audited.")
    public CourseView cancel(@PathParam("courseId") String courseId, @Valid @NotNull CancelRequest request) {
        return courses.cancel(
                QueryParams.requiredId("courseId", courseId),
                request.reason(),
                caller.get().username());
    }

    @GET
    @Path("/{courseId}/enrolments")
    @Operation(summary = "A course's enrolments, newest first, with each learner's attendance")
    public Page<EnrolmentView> enrolments(@PathParam("courseId") String courseId, @BeanParam PageRequest page) {
        return courses.enrolmentsOf(QueryParams.requiredId("courseId", courseId), page);
    }
}
