package io.mendian.ordering.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.ordering.api.CheckoutRequest.Address;
import io.mendian.privacy.PiiVault;
import io.mendian.privacy.SealedColumns;

/**
 * Delivery addresses at rest (X3): the whole address sealed in {@code address_sealed}, the coordinates alone in the
 * clear (delivery geometry), and a blind index of the phone so that HQ can find a customer's orders by phone.
 */
@ApplicationScoped
public class OrderAddresses implements SealedColumns {

    static final String PURPOSE = "order.address";

    /** What a row keeps of an address. */
    record Stored(String coordinates, String sealed, String phoneIndex) {}

    private final PiiVault vault;
    private final ObjectMapper json;
    private final EntityManager em;

    public OrderAddresses(PiiVault vault, ObjectMapper json, EntityManager em) {
        this.vault = vault;
        this.json = json;
        this.em = em;
    }

    Stored store(Address address) {
        if (address == null) {
            return new Stored(null, null, null);
        }
        Map<String, Object> coordinates = new LinkedHashMap<>();
        coordinates.put("latitude", address.latitude());
        coordinates.put("longitude", address.longitude());
        return new Stored(write(coordinates), vault.seal(write(address), PURPOSE), phoneIndex(address.phone()));
    }

    /** The address of a row: opened from the sealed column, or (for a row not yet sealed) read as it was written. */
    Address read(String sealed, String legacy) {
        try {
            if (sealed != null) {
                return json.readValue(vault.open(sealed, PURPOSE), Address.class);
            }
            if (legacy == null) {
                return null;
            }
            Address old = json.readValue(legacy, Address.class);
            return old.detail() == null ? null : old;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an order's address is not readable", e);
        }
    }

    /** The blind index of a phone number as orders and members index it. */
    public String phoneIndex(String phone) {
        return vault.phoneIndex(phone);
    }

    @Override
    public List<Column> sealedColumns() {
        return List.of(new Column("customer_order", "id", "address_sealed", PURPOSE));
    }

    @Override
    public int sealLegacy(int batch) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(
                        "select id, address::text from customer_order where address_sealed is "
                                + "null and address->>'detail' is not null limit " + batch + " for update skip locked")
                .getResultList();
        for (Object[] row : due) {
            Stored stored = store(read(null, (String) row[1]));
            em.createNativeQuery("update customer_order set address = cast(?1 as jsonb), address_sealed = ?2, "
                            + "address_phone_index = ?3 where id = ?4")
                    .setParameter(1, stored.coordinates())
                    .setParameter(2, stored.sealed())
                    .setParameter(3, stored.phoneIndex())
                    .setParameter(4, row[0])
                    .executeUpdate();
        }
        return due.size();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
