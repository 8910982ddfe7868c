package io.mendian.tenancy;

import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;

/**
 * The PostgreSQL servers brands' schemas may live on besides the default datasource (docs/adr/0022):
 * {@code mendian.shards.<name>.url|username|password}. The default datasource is the shard named {@link
 * Shards#DEFAULT}; it also holds the control plane.
 */
@ConfigMapping(prefix = "mendian.shards")
public interface ShardsConfig {

    @WithParentName
    Map<String, Shard> extra();

    interface Shard {
        String url();

        Optional<String> username();

        Optional<String> password();

        @WithDefault("20")
        int maxSize();

        /** Whether new brands are placed here: a shard is opened for placement on purpose, not by being configured. */
        @WithDefault("false")
        boolean accepting();
    }
}
