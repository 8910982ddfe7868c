package io.mendian.testsupport;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;

/** Fresh Tink keysets for PII, as an operator generates them (docs/operations/pii-keys.md). */
public final class PiiKeysets {

    private PiiKeysets() {}

    /** A new AES-256-GCM keyset with one key. */
    public static String aead() {
        return write(generate(true));
    }

    /** A new HMAC-SHA256 PRF keyset for blind indexes. */
    public static String index() {
        return write(generate(false));
    }

    /** The keyset with a new AES-256-GCM key added and made primary: the first step of a rotation. */
    public static String rotated(String keyset) {
        try {
            KeysetHandle old = TinkJsonProtoKeysetFormat.parseKeyset(keyset, InsecureSecretKeyAccess.get());
            return write(KeysetHandle.newBuilder(old)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeysetHandle generate(boolean aead) {
        try {
            AeadConfig.register();
            PrfConfig.register();
            return KeysetHandle.generateNew(
                    aead ? PredefinedAeadParameters.AES256_GCM : PredefinedPrfParameters.HMAC_SHA256_PRF);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String write(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
