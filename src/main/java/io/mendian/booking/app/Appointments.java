package io.mendian.booking.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.mendian.booking.api.AppointmentView;
import io.mendian.booking.api.BookRequest;
import io.mendian.booking.api.BookingPolicy;
import io.mendian.booking.api.BookingPolicy.LateCancellation;
import io.mendian.booking.api.RescheduleRequest;
import io.mendian.booking.api.SlotView;
import io.mendian.booking.app.AppointmentRows.NewAppointment;
import io.mendian.booking.app.AppointmentRows.Row;
import io.mendian.booking.app.ServiceItems.Item;
import io.mendian.booking.app.Slots.Audience;
import io.mendian.booking.domain.AppointmentStatus;
import io.mendian.booking.domain.Cells;
import io.mendian.web.BrandLocks;
import io.mendian.web.Page;
import io.mendian.web.PageRequest;
import io.mendian.web.ProblemException;

/**
 * A member's appointments (C8): a booking holds its place until the member confirms it or the hold lapses; cancel
 * and reschedule follow the brand's cut-off. Every write runs in one transaction, so a reschedule that fails keeps the
 * original appointment and its place.
 */
@ApplicationScoped
@Transactional
public class Appointments {

    static final int MAX_HOLDS = 3;
    static final int MAX_UPCOMING = 20;

    private final AppointmentRows rows;
    private final ServiceItems items;
    private final Slots slots;
    private final Placement placement;
    private final BookingPolicies policies;
    private final EntityManager em;
    private final StoreClock clock;
    private final BookingPayments payments;

    public Appointments(
            BookingPayments payments,
            AppointmentRows rows,
            ServiceItems items,
            Slots slots,
            Placement placement,
            BookingPolicies policies,
            EntityManager em,
            StoreClock clock) {
        this.rows = rows;
        this.items = items;
        this.slots = slots;
        this.placement = placement;
        this.policies = policies;
        this.em = em;
        this.clock = clock;
        this.payments = payments;
    }

    public AppointmentView book(long memberId, BookRequest r) {
        long storeId = r.storeId();
        Item item = items.offered(r.itemId(), storeId)
                .orElseThrow(() -> ProblemException.notFound("service item " + r.itemId() + " at store " + storeId));
        Instant startsAt = r.startsAt();
        if (!Cells.plausible(startsAt)) {
            throw ProblemException.conflict(Placement.TAKEN, "that start is not open; pick one from the list");
        }
        Instant endsAt = startsAt.plus(Duration.ofMinutes(item.minutes()));
        payments.requirePayable(item);
        lockMember(memberId);
        if (rows.upcoming(memberId, AppointmentStatus.HELD) >= MAX_HOLDS) {
            throw ProblemException.conflict(
                    "too-many-holds", "confirm or cancel your held bookings first (at most " + MAX_HOLDS + ")");
        }
        long upcoming = rows.upcoming(memberId, AppointmentStatus.CONFIRMED);
        if (upcoming >= MAX_UPCOMING) {
            throw ProblemException.conflict(
                    "too-many-appointments",
                    "you have " + upcoming + " upcoming appointments; the limit is " + MAX_UPCOMING);
        }
        if (rows.memberBusy(memberId, startsAt, endsAt, 0)) {
            throw ProblemException.conflict("overlapping-appointment", "you already have an appointment at that time");
        }
        Optional<SlotView> open = Cells.aligned(startsAt)
                ? slots.open(storeId, item, startsAt, r.staffId(), Audience.MEMBER)
                : Optional.empty();
        if (open.isEmpty()) {
            throw ProblemException.conflict(Placement.TAKEN, "the start at " + startsAt + " is not open; pick another");
        }
        List<Long> candidates =
                r.staffId() != null ? List.of(r.staffId()) : open.get().staffIds();
        Long person = placement.take(storeId, item, startsAt, endsAt, candidates);
        BookingPolicy policy = policies.current();
        Instant holdExpiresAt = Instant.now().plus(Duration.ofMinutes(policy.holdMinutes()));
        long id = rows.insert(new NewAppointment(
                storeId,
                item.id(),
                person,
                memberId,
                r.contactName(),
                r.note(),
                "ONLINE",
                startsAt,
                endsAt,
                AppointmentStatus.HELD,
                item.priceFen(),
                holdExpiresAt));
        rows.event(id, "HELD", actor(memberId), item.name() + " at " + clock.local(storeId, startsAt));
        payments.placeOrder(id, memberId, storeId, item, startsAt, holdExpiresAt)
                .ifPresent(orderNo -> rows.event(id, "TO_PAY", actor(memberId), "order " + orderNo));
        return rows.view(id, true);
    }

    public AppointmentView confirm(long memberId, long id) {
        lockMember(memberId);
        Row row = rows.lock(id, memberId, null);
        if (row.status() == AppointmentStatus.CONFIRMED) {
            return rows.view(id, true);
        }
        if (row.status() != AppointmentStatus.HELD) {
            throw ProblemException.conflict("not-held", "the appointment is " + row.status());
        }
        if (payments.orderOf(id).isPresent()) {
            throw ProblemException.conflict(
                    "payment-required", "this item is paid online: paying its order confirms the appointment");
        }
        if (!row.holdExpiresAt().isAfter(Instant.now())) {
            throw ProblemException.conflict(
                    "hold-expired", "the hold lapsed; book the start again if it is still open");
        }
        rows.move(id, List.of(AppointmentStatus.HELD), AppointmentStatus.CONFIRMED, null, 0);
        rows.event(id, "CONFIRMED", actor(memberId), null);
        return rows.view(id, true);
    }

    public AppointmentView cancel(long memberId, long id, String reason) {
        Row row = rows.lock(id, memberId, null);
        long fee = 0;
        if (row.status() == AppointmentStatus.CONFIRMED && late(row)) {
            BookingPolicy policy = policies.current();
            if (policy.lateCancellation() == LateCancellation.REFUSED) {
                throw ProblemException.conflict(
                        "too-late-to-cancel",
                        "appointments can be cancelled up to " + policy.cancelCutoffMinutes()
                                + " minutes before the start; please call the store");
            }
            fee = policy.lateCancelFeeFen();
        }
        if (!rows.move(
                id,
                List.of(AppointmentStatus.HELD, AppointmentStatus.CONFIRMED),
                AppointmentStatus.CANCELLED,
                reason == null ? "cancelled by the member" : reason,
                fee)) {
            throw ProblemException.conflict("not-cancellable", "the appointment is " + row.status());
        }
        placement.give(row);
        rows.event(id, "CANCELLED", actor(memberId), fee > 0 ? "late: fee " + fee + " fen" : reason);
        payments.refund(id, row.storeId(), fee, "appointment cancelled", actor(memberId));
        return rows.view(id, true);
    }

    public AppointmentView reschedule(long memberId, long id, RescheduleRequest r) {
        lockMember(memberId);
        Row row = rows.lock(id, memberId, null);
        if (row.status() != AppointmentStatus.HELD && row.status() != AppointmentStatus.CONFIRMED) {
            throw ProblemException.conflict("not-reschedulable", "the appointment is " + row.status());
        }
        if (late(row)) {
            throw ProblemException.conflict(
                    "too-late-to-reschedule",
                    "appointments can be moved up to " + policies.current().cancelCutoffMinutes()
                            + " minutes before the start; please call the store");
        }
        Item item = items.offered(row.itemId(), row.storeId())
                .orElseThrow(() -> ProblemException.conflict("item-retired", "the item is no longer offered here"));
        Instant startsAt = r.startsAt();
        if (!Cells.plausible(startsAt)) {
            throw ProblemException.conflict(Placement.TAKEN, "that start is not open; pick one from the list");
        }
        Instant endsAt = startsAt.plus(Duration.ofMinutes(item.minutes()));
        if (rows.memberBusy(memberId, startsAt, endsAt, id)) {
            throw ProblemException.conflict("overlapping-appointment", "you already have an appointment at that time");
        }
        // Give the old place back first (the new start may overlap it); if anything below fails, the transaction
        // rolls back and the original appointment keeps its place. The item's cells over both intervals are locked
        // first, in time order, as every booking takes them, so that a booking racing the move waits instead of
        // deadlocking with it.
        placement.lockItemCells(row, startsAt, endsAt);
        placement.give(row);
        Optional<SlotView> open = Cells.aligned(startsAt)
                ? slots.open(row.storeId(), item, startsAt, r.staffId(), Audience.MEMBER)
                : Optional.empty();
        if (open.isEmpty()) {
            throw ProblemException.conflict(
                    Placement.TAKEN,
                    "the start at " + clock.local(row.storeId(), startsAt) + " is not open; pick another");
        }
        List<Long> candidates =
                r.staffId() != null ? List.of(r.staffId()) : open.get().staffIds();
        Long person = placement.take(row.storeId(), item, startsAt, endsAt, candidates);
        rows.reschedule(id, startsAt, endsAt, person);
        rows.event(
                id,
                "RESCHEDULED",
                actor(memberId),
                clock.local(row.storeId(), row.startsAt()) + " -> " + clock.local(row.storeId(), startsAt));
        return rows.view(id, true);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AppointmentView> mine(long memberId, PageRequest page) {
        return rows.ofMember(memberId, page);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public AppointmentView get(long memberId, long id) {
        AppointmentView view = rows.view(id, true);
        if (view.memberId() == null || view.memberId() != memberId) {
            throw ProblemException.notFound("appointment " + id);
        }
        return view;
    }

    private boolean late(Row row) {
        return Instant.now()
                .isAfter(row.startsAt()
                        .minus(Duration.ofMinutes(policies.current().cancelCutoffMinutes())));
    }

    /** One member's bookings one at a time, so that the limits and the overlap check hold under retries. */
    private void lockMember(long memberId) {
        BrandLocks.hold(em, "booking-member:" + memberId);
    }

    private static String actor(long memberId) {
        return "member:" + memberId;
    }
}
