package io.mendian.booking.app;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.booking.api.BookingPolicy;
import io.mendian.booking.api.DaySlotsView;
import io.mendian.booking.api.SlotView;
import io.mendian.booking.app.ServiceItems.Item;
import io.mendian.booking.domain.Cells;
import io.mendian.booking.domain.SlotPlanner;
import io.mendian.store.StoreApi;
import io.mendian.web.ProblemException;

/** Bookable starts, computed from the store's hours, people's shifts and what is already taken. Reads only. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class Slots {

    private static final int ALTERNATIVES = 6;
    private static final int ALTERNATIVE_DAYS = 7;

    private final ServiceItems items;
    private final BookingStaff staff;
    private final Capacity capacity;
    private final BookingPolicies policies;
    private final StoreApi stores;

    public Slots(ServiceItems items, BookingStaff staff, Capacity capacity, BookingPolicies policies, StoreApi stores) {
        this.items = items;
        this.staff = staff;
        this.capacity = capacity;
        this.policies = policies;
        this.stores = stores;
    }

    /** Who is asking: members see the policy's horizon; the desk sees every later day. */
    public enum Audience {
        MEMBER,
        DESK
    }

    public DaySlotsView day(long storeId, long itemId, LocalDate date, Long staffId, Audience audience) {
        Item item = items.offered(itemId, storeId)
                .orElseThrow(() -> ProblemException.notFound("service item " + itemId + " at store " + storeId));
        if (staffId != null && (!item.needsStaff() || !staff.performs(storeId, staffId, itemId))) {
            throw ProblemException.notFound("staff " + staffId + " performing item " + itemId + " at store " + storeId);
        }
        ZoneId zone = stores.timeZone(storeId);
        List<SlotView> slots = plan(storeId, item, date, zone, staffId, audience, policies.current());
        return new DaySlotsView(date, zone.getId(), itemId, item.minutes(), slots);
    }

    /** Open starts near the one that was refused: later that day, then on the next days. */
    public List<SlotView> alternatives(long storeId, long itemId, Instant wanted, Long staffId, Audience audience) {
        Item item = items.offered(itemId, storeId).orElse(null);
        if (item == null) {
            return List.of();
        }
        ZoneId zone = stores.timeZone(storeId);
        BookingPolicy policy = policies.current();
        // A start nobody could have been offered (far away, hostile) gets the coming days instead.
        LocalDate day = LocalDateTime.ofInstant(Cells.plausible(wanted) ? wanted : Instant.now(), zone)
                .toLocalDate();
        List<SlotView> found = new ArrayList<>();
        for (int i = 0; i < ALTERNATIVE_DAYS && found.size() < ALTERNATIVES; i++) {
            for (SlotView slot : plan(storeId, item, day.plusDays(i), zone, staffId, audience, policy)) {
                if (slot.left() > 0 && !slot.startsAt().equals(wanted) && found.size() < ALTERNATIVES) {
                    found.add(slot);
                }
            }
        }
        return found;
    }

    /**
     * The open start at that instant with room left (for the person, when one is named), with the people free for its
     * whole length in id order; empty when it is not open. One plan of the day answers both questions.
     */
    public Optional<SlotView> open(long storeId, Item item, Instant startsAt, Long staffId, Audience audience) {
        ZoneId zone = stores.timeZone(storeId);
        LocalDate day = LocalDateTime.ofInstant(startsAt, zone).toLocalDate();
        return plan(storeId, item, day, zone, staffId, audience, policies.current()).stream()
                .filter(s -> s.startsAt().equals(startsAt)
                        && s.left() > 0
                        && (staffId == null || s.staffIds().contains(staffId)))
                .findFirst();
    }

    private List<SlotView> plan(
            long storeId, Item item, LocalDate day, ZoneId zone, Long staffId, Audience audience, BookingPolicy p) {
        Instant now = Instant.now();
        Duration length = Duration.ofMinutes(item.minutes());
        List<Instant[]> openings = new ArrayList<>();
        for (LocalDate d : List.of(day.minusDays(1), day)) {
            stores.openingsOn(storeId, d).forEach(o -> openings.add(new Instant[] {o.from(), o.until()}));
        }
        Map<Long, List<Instant[]>> windows =
                item.needsStaff() ? staff.windows(storeId, item.id(), day, zone, staffId) : Map.of();
        Instant dayStart = day.atStartOfDay(zone).toInstant();
        Instant dayEnd = day.plusDays(1).atStartOfDay(zone).toInstant();
        String itemResource = Cells.item(item.id(), storeId);
        List<String> resources = new ArrayList<>(List.of(itemResource));
        windows.keySet().forEach(id -> resources.add(Cells.staff(id)));
        Map<String, Map<Instant, Integer>> taken = capacity.taken(resources, dayStart, dayEnd.plus(length));
        Map<Long, Map<Instant, Integer>> staffTaken = new HashMap<>();
        windows.keySet().forEach(id -> staffTaken.put(id, taken.getOrDefault(Cells.staff(id), Map.of())));
        Instant earliest = audience == Audience.MEMBER ? now : Cells.floor(now);
        Instant latest = audience == Audience.MEMBER ? now.plus(Duration.ofDays(p.horizonDays())) : Instant.MAX;
        var request = new SlotPlanner.Request(
                length,
                Duration.ofMinutes(p.slotMinutes()),
                item.capacity(),
                item.needsStaff(),
                openings,
                windows,
                earliest,
                latest);
        return SlotPlanner.plan(request, taken.getOrDefault(itemResource, Map.of()), staffTaken).stream()
                .filter(s -> !s.startsAt().isBefore(dayStart) && s.startsAt().isBefore(dayEnd))
                .map(s -> {
                    LocalDateTime local = LocalDateTime.ofInstant(s.startsAt(), zone);
                    return new SlotView(
                            s.startsAt(), local.toLocalTime().toString(), local.toLocalDate(), s.left(), s.staffIds());
                })
                .toList();
    }
}
