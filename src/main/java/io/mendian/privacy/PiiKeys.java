package io.mendian.privacy;

import java.security.GeneralSecurityException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.prf.PrfConfig;
import com.google.crypto.tink.prf.PrfSet;

/**
 * The two Tink keysets: AES-256-GCM for sealing (several keys during a rotation; the primary seals, every enabled key
 * opens) and HMAC-SHA256 PRF for blind indexes (never rotated: an index must keep matching). Both come from
 * configuration (a Kubernetes Secret in production, where the production guard refuses the development keysets).
 */
@ApplicationScoped
public class PiiKeys {

    private final Aead aead;
    private final PrfSet prf;
    private final int primary;

    public PiiKeys(
            @ConfigProperty(name = "mendian.pii.aead-keyset") String aeadKeyset,
            @ConfigProperty(name = "mendian.pii.index-keyset") String indexKeyset) {
        try {
            AeadConfig.register();
            PrfConfig.register();
            KeysetHandle sealing = TinkJsonProtoKeysetFormat.parseKeyset(aeadKeyset, InsecureSecretKeyAccess.get());
            KeysetHandle index = TinkJsonProtoKeysetFormat.parseKeyset(indexKeyset, InsecureSecretKeyAccess.get());
            this.aead = sealing.getPrimitive(RegistryConfiguration.get(), Aead.class);
            this.prf = index.getPrimitive(RegistryConfiguration.get(), PrfSet.class);
            this.primary = sealing.getPrimary().getId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("mendian.pii keysets are not valid Tink JSON keysets", e);
        }
    }

    Aead aead() {
        return aead;
    }

    PrfSet prf() {
        return prf;
    }

    /** The id of the key that seals new values. */
    public int primaryKeyId() {
        return primary;
    }
}
