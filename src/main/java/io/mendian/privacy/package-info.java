/**
 * Personal data at rest (X3): AEAD sealing with a key id in every value, blind indexes for exact search, and the job
 * that re-seals old values under the current key. Shared infrastructure: it knows no business context; contexts
 * declare their sealed columns ({@link io.mendian.privacy.SealedColumns}).
 */
package io.mendian.privacy;
