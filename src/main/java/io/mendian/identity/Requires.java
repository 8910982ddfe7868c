package io.mendian.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The capability a staff endpoint needs. Every operation under {@code /api/hq} and {@code /api/store} must carry
 * it; {@link AccessFilter} denies the ones that do not, so a forgotten annotation fails closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Requires {
    Capability value();
}
