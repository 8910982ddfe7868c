/**
 * Membership (C1, H6): one member per person per brand across its stores, signed in from the mini-program through
 * WeChat. This issue brings login, consumer tokens and sessions; levels, points, stored value and PII come with the
 * membership issue.
 */
package io.mendian.membership;
