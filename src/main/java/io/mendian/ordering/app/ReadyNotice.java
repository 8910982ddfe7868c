package io.mendian.ordering.app;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.mendian.membership.MembershipApi;
import io.mendian.messaging.EventHandler;
import io.mendian.messaging.EventMeta;
import io.mendian.ordering.OrderReady;
import io.mendian.platform.WeChatMessages;
import io.mendian.store.StoreApi;

/**
 * Tells the customer their order is ready, by WeChat subscription message, once per order (the event is handled once),
 * and writes the outcome in the order's timeline so that the store can see whether the customer was told.
 */
@ApplicationScoped
public class ReadyNotice implements EventHandler<OrderReady> {

    private final EntityManager em;
    private final MembershipApi members;
    private final WeChatMessages messages;
    private final StoreApi stores;

    public ReadyNotice(EntityManager em, MembershipApi members, WeChatMessages messages, StoreApi stores) {
        this.em = em;
        this.members = members;
        this.messages = messages;
        this.stores = stores;
    }

    @Override
    public String name() {
        return "ordering.ready-notice";
    }

    @Override
    public Class<OrderReady> type() {
        return OrderReady.class;
    }

    @Override
    public void handle(OrderReady ready, EventMeta meta) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select id, pickup_code, status, queue_no from customer_order where order_no = ?1")
                .setParameter(1, ready.orderNo())
                .getResultList();
        if (rows.isEmpty() || !"READY".equals(rows.get(0)[2])) {
            return; // picked up or cancelled before the notice went out
        }
        long orderId = ((Number) rows.get(0)[0]).longValue();
        // Order ahead: the number called at the counter comes first, the code that hands the order over after it.
        String code = rows.get(0)[3] == null ? (String) rows.get(0)[1] : rows.get(0)[3] + " / " + rows.get(0)[1];
        String store = stores.labels(Set.of(ready.storeId())).getOrDefault(ready.storeId(), "门店");
        WeChatMessages.Outcome outcome = members.message(
                ready.memberId(), (appid, openid) -> messages.orderReady(appid, openid, ready.orderNo(), store, code));
        OrderViews.event(em, orderId, "READY_NOTICE", "wechat", outcome.words("customer", "told", "order messages"));
    }
}
