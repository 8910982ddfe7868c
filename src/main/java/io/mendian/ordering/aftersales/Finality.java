package io.mendian.ordering.aftersales;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.ordering.OrderingApi.OrderFinality;
import io.mendian.ordering.OrderingApi.OrderFinality.State;

/**
 * Whether an order's money can still move: a completed order is final once its after-sales window has closed with no
 * request open; a cancelled or expired order has ended; anything else is open. Payment waits for this before it
 * takes the platform's share, so that no refund can come after the money was split.
 */
@ApplicationScoped
@Transactional
public class Finality {

    private final EntityManager em;
    private final Duration window;

    public Finality(
            EntityManager em,
            @ConfigProperty(name = "mendian.ordering.after-sales-window", defaultValue = "P7D") Duration window) {
        this.em = em;
        this.window = window;
    }

    public Map<String, OrderFinality> of(Collection<String> orderNos) {
        Map<String, OrderFinality> result = new HashMap<>();
        if (orderNos.isEmpty()) {
            return result;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select o.order_no, o.status, o.updated_at, exists (select 1 from "
                        + "after_sale a where a.order_no = o.order_no and a.status = 'REQUESTED') from customer_order "
                        + "o where o.order_no = any(cast(?1 as text[]))")
                .setParameter(1, orderNos.toArray(String[]::new))
                .getResultList();
        Instant now = Instant.now();
        for (Object[] r : rows) {
            String orderNo = (String) r[0];
            String status = (String) r[1];
            Instant closes = ((Instant) r[2]).plus(window);
            State state;
            if ("CANCELLED".equals(status) || "EXPIRED".equals(status)) {
                state = State.ENDED;
            } else if ("COMPLETED".equals(status) && closes.isBefore(now) && !(Boolean) r[3]) {
                state = State.FINAL;
            } else {
                state = State.OPEN;
            }
            result.put(orderNo, new OrderFinality(state, "COMPLETED".equals(status) ? closes : null));
        }
        return result;
    }
}
