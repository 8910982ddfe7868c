package io.mendian.operations;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The brand tag of a business metric, with bounded cardinality: the first {@code mendian.metrics.brand-tags} brands an
 * instance counts for keep their own series, every later one counts as {@code other}. Ten thousand brands must not make
 * ten thousand series per metric; per-brand figures for the rest come from the reports, which read the database.
 */
@ApplicationScoped
public class BrandTags {

    public static final String OTHER = "other";
    private final Set<String> tagged = ConcurrentHashMap.newKeySet();
    private final int limit;

    public BrandTags(@ConfigProperty(name = "mendian.metrics.brand-tags", defaultValue = "100") int limit) {
        this.limit = limit;
    }

    /** The tag for a brand's slug; {@code none} for work done for no brand. */
    public String of(String slug) {
        if (slug == null || slug.isEmpty()) {
            return "none";
        }
        if (tagged.contains(slug)) {
            return slug;
        }
        synchronized (tagged) {
            if (tagged.size() < limit) {
                tagged.add(slug);
                return slug;
            }
        }
        return OTHER;
    }
}
