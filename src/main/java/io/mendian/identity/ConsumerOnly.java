package io.mendian.identity;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A shop operation for a signed-in member of the brand the path's appid belongs to. The access filter admits only a
 * consumer token issued for that brand; staff tokens and other brands' consumers are refused.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ConsumerOnly {}
