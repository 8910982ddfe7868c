package io.mendian.booking.course.app;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.booking.course.SeatOffered;
import io.mendian.membership.MembershipApi;
import io.mendian.messaging.EventHandler;
import io.mendian.messaging.EventMeta;
import io.mendian.platform.WeChatMessages;
import io.mendian.store.StoreApi;
import io.mendian.web.Rows;

/**
 * Tells a member waiting for a course that a seat is theirs (a subscription message, once per offer: the event is
 * handled once) and writes the outcome on the enrolment, so that HQ sees whether they were told.
 */
@ApplicationScoped
public class OfferNotice implements EventHandler<SeatOffered> {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm");

    private final EntityManager em;
    private final MembershipApi members;
    private final WeChatMessages messages;
    private final StoreApi stores;

    public OfferNotice(EntityManager em, MembershipApi members, WeChatMessages messages, StoreApi stores) {
        this.em = em;
        this.members = members;
        this.messages = messages;
        this.stores = stores;
    }

    @Override
    public String name() {
        return "booking.course-offer-notice";
    }

    @Override
    public Class<SeatOffered> type() {
        return SeatOffered.class;
    }

    @Override
    public void handle(SeatOffered offer, EventMeta meta) {
        List<Object[]> rows = Rows.list(
                em,
                "select e.status, c.name, c.store_id, coalesce(e.hold_expires_at, (select min(s.starts_at) from "
                        + "course_session s where s.course_id = c.id and s.starts_at > now())) from enrolment e join "
                        + "course c on c.id = "
                        + "e.course_id where e.id = ?1",
                offer.enrolmentId());
        if (rows.isEmpty() || !List.of("HELD", "CONFIRMED").contains((String) rows.get(0)[0])) {
            return; // cancelled or lapsed before the notice went out
        }
        Object[] r = rows.get(0);
        long storeId = ((Number) r[2]).longValue();
        String store = stores.labels(Set.of(storeId)).getOrDefault(storeId, "门店");
        String until =
                r[3] == null ? "-" : WHEN.format(Rows.offset(r[3]).toInstant().atZone(stores.timeZone(storeId)));
        boolean toPay = "HELD".equals(r[0]);
        WeChatMessages.Outcome outcome = members.message(
                offer.memberId(),
                (appid, openid) ->
                        messages.seatOffered(appid, openid, offer.enrolmentId(), (String) r[1], store, until, toPay));
        em.createNativeQuery("update enrolment set offer_notice = ?2 where id = ?1")
                .setParameter(1, offer.enrolmentId())
                .setParameter(2, outcome.name())
                .executeUpdate();
    }
}
