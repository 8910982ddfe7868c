/**
 * Courses and classes (C13), a sub-context of booking: courses with a teacher and sessions at one store, enrolment
 * paid through ordering's service orders, a waiting list, attendance and progress, refunds for sessions not yet
 * given (docs/adr/0026). Talks to ordering only through {@code OrderingApi} and {@code OrderPaid}.
 */
package io.mendian.booking.course;
