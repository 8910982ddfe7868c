package io.mendian.booking.api;

import java.time.LocalDate;
import java.util.List;

/** A store's day: who works when, and every appointment of the day. */
public record BoardView(LocalDate date, String timeZone, List<Person> staff, List<AppointmentView> appointments) {

    public record Person(long id, String name, List<String> intervals) {}
}
