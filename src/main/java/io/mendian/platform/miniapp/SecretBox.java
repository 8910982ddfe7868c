package io.mendian.platform.miniapp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;

/**
 * Encrypts secrets at rest (WeChat refresh tokens) with AES-256-GCM under {@code mendian.secrets.key}. A value reads
 * "v1:" + base64(nonce, ciphertext and tag), so a key rotation can add "v2" beside it.
 */
@ApplicationScoped
public class SecretBox {

    /** The development key; the production guard refuses to start with it. */
    public static final String DEV_KEY = "bWVuZGlhbi1kZXZlbG9wbWVudC1zZWNyZXQta2V5ISE=";

    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SecretBox(@ConfigProperty(name = "mendian.secrets.key", defaultValue = DEV_KEY) String base64Key) {
        byte[] raw = Base64.getDecoder().decode(base64Key);
        if (raw.length != 32) {
            throw new IllegalStateException("mendian.secrets.key must be 32 bytes, base64-encoded");
        }
        if (DEV_KEY.equals(base64Key) && LaunchMode.current() == LaunchMode.NORMAL) {
            Log.warn("mendian.secrets.key is the development key; set MENDIAN_SECRETS_KEY in production");
        }
        this.key = new SecretKeySpec(raw, "AES");
    }

    public String seal(String plaintext) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return "v1:"
                    + Base64.getEncoder()
                            .encodeToString(ByteBuffer.allocate(12 + sealed.length)
                                    .put(nonce)
                                    .put(sealed)
                                    .array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public String open(String sealed) {
        if (sealed == null || !sealed.startsWith("v1:")) {
            throw new IllegalArgumentException("not a sealed value");
        }
        try {
            byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, raw, 0, 12));
            return new String(cipher.doFinal(raw, 12, raw.length - 12), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed secret failed authentication (wrong key or tampered)", e);
        }
    }
}
