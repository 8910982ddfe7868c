package io.mendian.booking.api;

import java.util.List;

/** What a member sees of an item at a store: its length, price and who can perform it there. */
public record ShopServiceItemView(
        long id, String name, String description, int minutes, long priceFen, boolean needsStaff, List<Person> staff) {

    public record Person(long id, String name, String title) {}
}
