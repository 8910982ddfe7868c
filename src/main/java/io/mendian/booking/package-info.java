/**
 * Booking (C8): service items, the people who perform them at each store with their shifts and days off, the brand's
 * policy, and appointments that hold capacity exactly like stock (docs/adr/0023). Order ahead (C12) and courses (C13)
 * build on the same capacity cells.
 */
package io.mendian.booking;
