package io.mendian.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a staff endpoint that stays reachable while the brand is suspended: reading the subscription and the invoices
 * a brand must settle to be reactivated. Everything else answers 403 {@code tenant-suspended}; the capability check
 * still applies.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OpenWhileSuspended {}
