package io.mendian.booking.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.booking.api.AppointmentView;
import io.mendian.booking.api.BoardView;
import io.mendian.booking.api.BookingPolicy;
import io.mendian.booking.api.WalkInRequest;
import io.mendian.booking.app.AppointmentRows.NewAppointment;
import io.mendian.booking.app.AppointmentRows.Row;
import io.mendian.booking.app.ServiceItems.Item;
import io.mendian.booking.domain.AppointmentStatus;
import io.mendian.booking.domain.Cells;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;

/** The store's appointment desk: the day board, walk-ins, check-in by code, no-shows, completion, cancelling. */
@ApplicationScoped
@Transactional
public class Desk {

    private final AppointmentRows rows;
    private final ServiceItems items;
    private final BookingStaff staff;
    private final Placement placement;
    private final BookingPolicies policies;
    private final StoreApi stores;
    private final StoreClock clock;

    private final BookingPayments payments;

    public Desk(
            AppointmentRows rows,
            ServiceItems items,
            BookingStaff staff,
            Placement placement,
            BookingPolicies policies,
            StoreApi stores,
            StoreClock clock,
            BookingPayments payments) {
        this.payments = payments;
        this.rows = rows;
        this.items = items;
        this.staff = staff;
        this.placement = placement;
        this.policies = policies;
        this.stores = stores;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public BoardView board(long storeId, LocalDate day) {
        ZoneId zone = stores.timeZone(storeId);
        Map<Long, String> names = staff.names(storeId);
        List<BoardView.Person> people = new ArrayList<>();
        staff.workingDay(storeId, day)
                .forEach((id, intervals) -> people.add(new BoardView.Person(id, names.get(id), intervals)));
        return new BoardView(
                day,
                zone.getId(),
                people,
                rows.ofStore(
                        storeId,
                        day.atStartOfDay(zone).toInstant(),
                        day.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    /**
     * Books someone at the counter or on the phone. The desk may book outside the starts offered online (any
     * five-minute mark from now on), but never past capacity: a person or the item's places are never double-booked.
     */
    public AppointmentView walkIn(long storeId, WalkInRequest r, String actor) {
        Item item = items.offered(r.itemId(), storeId)
                .orElseThrow(() -> ProblemException.notFound("service item " + r.itemId() + " at store " + storeId));
        Instant now = Instant.now();
        Instant startsAt = r.startsAt() != null ? r.startsAt() : Cells.floor(now);
        if (!Cells.aligned(startsAt)) {
            throw ProblemException.unprocessable("invalid-start", "startsAt is on a five-minute mark, such as 10:05");
        }
        if (!Cells.plausible(startsAt)) {
            throw ProblemException.unprocessable("start-out-of-range", "startsAt is within the next two years");
        }
        if (startsAt.isBefore(Cells.floor(now))) {
            throw ProblemException.unprocessable("start-in-the-past", "startsAt is now or later");
        }
        Instant endsAt = startsAt.plus(Duration.ofMinutes(item.minutes()));
        if (r.checkIn()
                && now.isBefore(
                        startsAt.minus(Duration.ofMinutes(policies.current().checkInEarlyMinutes())))) {
            throw ProblemException.unprocessable(
                    "check-in-too-early", "a customer here now is booked from now, or checked in when the time comes");
        }
        List<Long> candidates = List.of();
        if (item.needsStaff()) {
            if (r.staffId() != null) {
                if (!staff.performs(storeId, r.staffId(), item.id())) {
                    throw ProblemException.unprocessable(
                            "staff-cannot-perform", "staff " + r.staffId() + " does not perform this item here");
                }
                candidates = List.of(r.staffId());
            } else {
                LocalDate day = startsAt.atZone(stores.timeZone(storeId)).toLocalDate();
                candidates = new ArrayList<>(staff.workingDay(storeId, day).keySet());
                candidates.removeIf(id -> !staff.performs(storeId, id, item.id()));
            }
        }
        Long person = placement.take(storeId, item, startsAt, endsAt, candidates);
        AppointmentStatus status = r.checkIn() ? AppointmentStatus.CHECKED_IN : AppointmentStatus.CONFIRMED;
        long id = rows.insert(new NewAppointment(
                storeId,
                item.id(),
                person,
                null,
                r.contactName().trim(),
                r.note(),
                "WALK_IN",
                startsAt,
                endsAt,
                status,
                item.priceFen(),
                null));
        rows.event(
                id,
                "BOOKED_AT_STORE",
                actor,
                item.name() + " at " + clock.local(storeId, startsAt) + (r.checkIn() ? ", here now" : ""));
        return rows.view(id, true);
    }

    public AppointmentView checkIn(long storeId, String code, String actor) {
        Row row = rows.lockByCode(code, storeId)
                .orElseThrow(() -> ProblemException.notFound("an appointment with code " + code + " at this store"));
        if (row.status() == AppointmentStatus.CHECKED_IN) {
            return rows.view(row.id(), true);
        }
        if (row.status() != AppointmentStatus.CONFIRMED) {
            throw ProblemException.conflict(
                    "not-confirmed", "the appointment is " + row.status() + "; only a confirmed one checks in");
        }
        BookingPolicy policy = policies.current();
        Instant now = Instant.now();
        Instant opens = row.startsAt().minus(Duration.ofMinutes(policy.checkInEarlyMinutes()));
        if (now.isBefore(opens)) {
            throw ProblemException.conflict("check-in-too-early", "check-in opens at " + clock.local(storeId, opens))
                    .with("opensAt", opens.toString());
        }
        if (!now.isBefore(row.endsAt())) {
            throw ProblemException.conflict(
                    "appointment-over", "the appointment ended at " + clock.local(storeId, row.endsAt()));
        }
        rows.move(row.id(), List.of(AppointmentStatus.CONFIRMED), AppointmentStatus.CHECKED_IN, null, 0);
        rows.event(row.id(), "CHECKED_IN", actor, null);
        return rows.view(row.id(), true);
    }

    /** The member did not come: the rest of the time is free for walk-ins again. */
    public AppointmentView noShow(long storeId, long id, String actor) {
        Row row = rows.lock(id, null, storeId);
        Instant allowed =
                row.startsAt().plus(Duration.ofMinutes(policies.current().noShowAfterMinutes()));
        if (Instant.now().isBefore(allowed)) {
            throw ProblemException.conflict(
                            "too-early-for-no-show", "a no-show can be marked from " + clock.local(storeId, allowed))
                    .with("allowedAt", allowed.toString());
        }
        if (!rows.move(id, List.of(AppointmentStatus.CONFIRMED), AppointmentStatus.NO_SHOW, "did not come", 0)) {
            throw ProblemException.conflict("not-confirmed", "the appointment is " + row.status());
        }
        placement.give(row);
        rows.event(id, "NO_SHOW", actor, null);
        payments.settle(id, actor, "not attended: the payment is kept");
        return rows.view(id, true);
    }

    public AppointmentView complete(long storeId, long id, String actor) {
        Row row = rows.lock(id, null, storeId);
        if (row.status() == AppointmentStatus.COMPLETED) {
            return rows.view(id, true);
        }
        if (!rows.move(id, List.of(AppointmentStatus.CHECKED_IN), AppointmentStatus.COMPLETED, null, 0)) {
            throw ProblemException.conflict(
                    "not-checked-in", "the appointment is " + row.status() + "; check it in first");
        }
        rows.event(id, "COMPLETED", actor, null);
        payments.settle(id, actor, "service delivered");
        return rows.view(id, true);
    }

    /**
     * The store cancels (the member called, a person fell ill, a checked-in customer left): never a fee; the reason is
     * kept and the place given back.
     */
    public AppointmentView cancel(long storeId, long id, String reason, String actor) {
        if (reason == null || reason.isBlank()) {
            throw ProblemException.unprocessable("reason-required", "say why the store cancels; the member sees it");
        }
        Row row = rows.lock(id, null, storeId);
        if (!rows.move(
                id,
                List.of(AppointmentStatus.HELD, AppointmentStatus.CONFIRMED, AppointmentStatus.CHECKED_IN),
                AppointmentStatus.CANCELLED,
                reason.trim(),
                0)) {
            throw ProblemException.conflict("not-cancellable", "the appointment is " + row.status());
        }
        placement.give(row);
        rows.event(id, "CANCELLED_BY_STORE", actor, reason.trim());
        payments.refund(id, storeId, 0, "cancelled by the store: " + reason.trim(), actor);
        return rows.view(id, true);
    }
}
