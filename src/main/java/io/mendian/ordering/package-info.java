/**
 * Ordering (C3, C4, C5, H4, S3): a member's cart per store, checkout that splits a cart across stores into one order
 * per store with stock reserved and prices fixed, and orders through their guarded lifecycle.
 */
package io.mendian.ordering;
