package io.mendian.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.mendian.catalog.persistence.SkuEntity;

/** What other contexts may ask about the current brand's catalogue. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class CatalogApi {

    /** SKUs that count against the plan. */
    public long countSkus() {
        return SkuEntity.count();
    }
}
