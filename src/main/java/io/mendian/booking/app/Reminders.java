package io.mendian.booking.app;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.membership.MembershipApi;
import io.mendian.platform.WeChatMessages;
import io.mendian.store.StoreApi;
import io.mendian.tenancy.EveryBrand;
import io.mendian.tenancy.TenantId;
import io.mendian.tenancy.Tenants;
import io.mendian.web.Rows;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Reminds members of confirmed appointments by WeChat subscription message, the policy's minutes before the start,
 * once: the appointment is claimed ({@code reminded_at}) in the transaction that sends and records the outcome in its
 * timeline, and picked with {@code SKIP LOCKED}, so two instances never remind the same appointment. A reschedule
 * clears the claim, so the new time is reminded too.
 */
@ApplicationScoped
public class Reminders {

    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final EveryBrand brands;
    private final Tenants tenants;
    private final EntityManager em;
    private final BookingPolicies policies;
    private final AppointmentRows rows;
    private final MembershipApi members;
    private final WeChatMessages messages;
    private final StoreApi stores;
    private final int batch;

    public Reminders(
            EveryBrand brands,
            Tenants tenants,
            EntityManager em,
            BookingPolicies policies,
            AppointmentRows rows,
            MembershipApi members,
            WeChatMessages messages,
            StoreApi stores,
            @ConfigProperty(name = "mendian.booking.reminder-batch", defaultValue = "50") int batch) {
        this.brands = brands;
        this.tenants = tenants;
        this.em = em;
        this.policies = policies;
        this.rows = rows;
        this.members = members;
        this.messages = messages;
        this.stores = stores;
        this.batch = batch;
    }

    @Scheduled(
            identity = "booking-reminders",
            every = "${mendian.booking.reminders-every:60s}",
            delayed = "${mendian.booking.reminders-delay:30s}",
            executeWith = Scheduled.QUARTZ,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        brands.run("booking reminders", this::remind);
    }

    /** Reminds every due appointment of the brand; how many this call handled. */
    public int remind(TenantId tenant) {
        int total = 0;
        int handled;
        do {
            handled = tenants.runAs(
                    tenant, () -> QuarkusTransaction.requiringNew().call(this::remindDue));
            total += handled;
        } while (handled == batch);
        return total;
    }

    private int remindDue() {
        int minutes = policies.current().reminderMinutes();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("select a.id, a.member_id, a.store_id, i.name, a.starts_at "
                        + "from appointment a join service_item i on i.id = a.item_id where a.status = 'CONFIRMED' "
                        + "and a.reminded_at is null and a.member_id is not null and a.starts_at > now() "
                        + "and a.starts_at <= now() + make_interval(mins => ?1) order by a.starts_at limit ?2 "
                        + "for update of a skip locked")
                .setParameter(1, minutes)
                .setParameter(2, batch)
                .getResultList();
        // The batch's stores read once: their labels and clocks.
        Set<Long> storeIds = new java.util.HashSet<>();
        due.forEach(r -> storeIds.add(((Number) r[2]).longValue()));
        java.util.Map<Long, String> labels = stores.labels(storeIds);
        java.util.Map<Long, java.time.ZoneId> zones = stores.timeZones(storeIds);
        for (Object[] r : due) {
            long id = ((Number) r[0]).longValue();
            long storeId = ((Number) r[2]).longValue();
            em.createNativeQuery("update appointment set reminded_at = now() where id = ?1")
                    .setParameter(1, id)
                    .executeUpdate();
            String store = labels.getOrDefault(storeId, "门店");
            String start = LocalDateTime.ofInstant(
                            Rows.offset(r[4]).toInstant(),
                            zones.getOrDefault(storeId, java.time.ZoneId.of("Asia/Shanghai")))
                    .format(START);
            WeChatMessages.Outcome outcome = members.message(
                    ((Number) r[1]).longValue(),
                    (appid, openid) -> messages.appointmentReminder(appid, openid, id, (String) r[3], store, start));
            rows.event(id, "REMINDED", "wechat", outcome.words("member", "reminded", "reminders"));
        }
        return due.size();
    }
}
