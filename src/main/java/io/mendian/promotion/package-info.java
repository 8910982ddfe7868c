/**
 * Promotion (H7, S6, C7, X2): coupons, activities, HQ's stacking matrix and the pricing engine that turns a cart into
 * an explained price. Other contexts call {@link io.mendian.promotion.PromotionApi}; {@code pricing} is pure domain
 * code with no framework types, so its properties are tested without a container.
 */
package io.mendian.promotion;
