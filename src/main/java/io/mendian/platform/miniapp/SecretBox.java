package io.mendian.platform.miniapp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encrypts secrets at rest (WeChat access and refresh tokens) with AES-256-GCM. A sealed value reads
 * {@code v2:<key id>:base64(nonce, ciphertext and tag)} and is bound to its context (say the appid and the kind of
 * token) as associated data, so a value copied to another row or another appid does not open. The key id names the
 * key it was sealed with: after a rotation ({@code mendian.secrets.key} new, the old one in
 * {@code mendian.secrets.previous-keys}) old values still open and every refresh re-seals under the new key.
 * Values of the first format ({@code v1:}, no key id, no associated data) still open with any configured key.
 */
@ApplicationScoped
public class SecretBox {

    /** The development key; the production guard refuses to start with it. */
    public static final String DEV_KEY = "bWVuZGlhbi1kZXZlbG9wbWVudC1zZWNyZXQta2V5ISE=";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    public SecretBox(
            @ConfigProperty(name = "mendian.secrets.key", defaultValue = DEV_KEY) String base64Key,
            @ConfigProperty(name = "mendian.secrets.previous-keys") Optional<List<String>> previous) {
        SecretKeySpec current = key(base64Key);
        this.currentId = id(current);
        keys.put(currentId, current);
        previous.orElse(List.of()).forEach(k -> {
            SecretKeySpec old = key(k.strip());
            keys.putIfAbsent(id(old), old);
        });
    }

    /** Seals the value for this context (the same context must be given to open it). */
    public String seal(String plaintext, String context) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return "v2:" + currentId + ":"
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(12 + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String open(String sealed, String context) {
        if (sealed != null && sealed.startsWith("v2:") && sealed.indexOf(':', 3) == 11) {
            SecretKeySpec key = keys.get(sealed.substring(3, 11));
            if (key == null) {
                throw new IllegalStateException("a sealed secret names key " + sealed.substring(3, 11)
                        + ", which is neither mendian.secrets.key nor in mendian.secrets.previous-keys");
            }
            return decrypt(key, sealed.substring(12), context);
        }
        if (sealed != null && sealed.startsWith("v1:")) {
            for (SecretKeySpec key : keys.values()) {
                try {
                    return decrypt(key, sealed.substring(3), null);
                } catch (IllegalStateException wrongKey) {
                    // try the next configured key
                }
            }
            throw new IllegalStateException("a sealed secret failed authentication under every configured key");
        }
        throw new IllegalArgumentException("not a sealed value");
    }

    /** Whether the value was sealed under the current key in the current format (otherwise re-seal it). */
    public boolean isCurrent(String sealed) {
        return sealed != null && sealed.startsWith("v2:" + currentId + ":");
    }

    private static String decrypt(SecretKeySpec key, String base64, String context) {
        try {
            byte[] raw = Base64.getDecoder().decode(base64);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
            if (context != null) {
                cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            }
            return new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "a sealed secret failed authentication (wrong key, context or tampered)", e);
        }
    }

    private static SecretKeySpec key(String base64Key) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("mendian.secrets keys must be base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException("mendian.secrets keys must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(raw, "AES");
    }

    /** Eight hex digits of the key's SHA-256: names the key without revealing it. */
    private static String id(SecretKeySpec key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()), 0, 4);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
