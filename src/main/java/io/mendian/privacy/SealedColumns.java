package io.mendian.privacy;

import java.util.List;

/**
 * A context's columns that hold sealed values, for the rotation job. Each column names its table, the row's key and
 * the purpose it was sealed for; the job re-seals values whose key is not the current one, in batches.
 */
public interface SealedColumns {

    record Column(String table, String idColumn, String column, String purpose) {}

    List<Column> sealedColumns();

    /** Seals up to {@code batch} values written before sealing existed; returns how many (0 when none are left). */
    default int sealLegacy(int batch) {
        return 0;
    }
}
