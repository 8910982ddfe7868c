package io.mendian.privacy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.tenancy.TenantContext;

/**
 * Seals personal data for a column of the current brand: {@code k<keyId>:<base64 of Tink's ciphertext>}. The key id in
 * the clear lets the rotation job find values sealed under an older key with SQL; the associated data binds a value
 * to its brand and purpose, so a value copied to another brand's row, or to another column, does not open.
 */
@ApplicationScoped
public class PiiVault {

    private final PiiKeys keys;
    private final TenantContext tenant;

    public PiiVault(PiiKeys keys, TenantContext tenant) {
        this.keys = keys;
        this.tenant = tenant;
    }

    /** The sealed value, or null for null. */
    public String seal(String plain, String purpose) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] sealed = keys.aead().encrypt(plain.getBytes(StandardCharsets.UTF_8), context(purpose));
            return "k" + Integer.toUnsignedString(keys.primaryKeyId()) + ":"
                    + Base64.getEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not seal " + purpose, e);
        }
    }

    /** The plain value of a sealed one, or null for null; fails loudly on a value that does not open here. */
    public String open(String sealed, String purpose) {
        if (sealed == null) {
            return null;
        }
        int colon = sealed.indexOf(':');
        if (!sealed.startsWith("k") || colon < 0) {
            throw new IllegalStateException("not a sealed " + purpose + " value");
        }
        try {
            byte[] plain =
                    keys.aead().decrypt(Base64.getDecoder().decode(sealed.substring(colon + 1)), context(purpose));
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("a sealed " + purpose + " value does not open with the configured keys", e);
        }
    }

    /** The prefix of values sealed under the current key (values without it are due for re-sealing). */
    public String currentPrefix() {
        return "k" + Integer.toUnsignedString(keys.primaryKeyId()) + ":";
    }

    /**
     * A blind index: 128 bits of HMAC-SHA256 over the brand, the purpose and the normalized value, in hex. Equal values
     * match within a brand and purpose; the index reveals nothing else.
     */
    public String index(String normalized, String purpose) {
        if (normalized == null) {
            return null;
        }
        try {
            byte[] mac = keys.prf().computePrimary(context(purpose + ":" + normalized), 16);
            return HexFormat.of().formatHex(mac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not index " + purpose, e);
        }
    }

    /**
     * The blind index of a phone number, the same for every column that holds one (a member's phone, an order's
     * delivery phone), so that one search finds them all.
     */
    public String phoneIndex(String phone) {
        return index(PhoneNumbers.normalize(phone), "phone");
    }

    private byte[] context(String purpose) {
        return (tenant.require().schema() + "/" + purpose).getBytes(StandardCharsets.UTF_8);
    }
}
