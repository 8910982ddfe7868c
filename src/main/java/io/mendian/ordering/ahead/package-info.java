/**
 * Order ahead (C12, docs/adr/0024): pickup orders for as soon as possible or a chosen time, a queue number per store
 * and day in the paid transition, the queue ahead and the estimated wait from recent preparation times, the store's
 * make queue, and the store's pause at peak. The brand turns it on (industry templates for cafes and bakeries do).
 */
package io.mendian.ordering.ahead;
