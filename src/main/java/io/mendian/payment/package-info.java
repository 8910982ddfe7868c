/**
 * Payments (P5): WeChat Pay APIv3 in partner mode. The platform is the service provider; each brand is a
 * sub-merchant (its {@code sub_mchid} from an applyment), so a customer's money goes to the brand and never passes
 * through the platform. Other contexts use {@link io.mendian.payment.PaymentApi}; see docs/adr/0014.
 */
package io.mendian.payment;
