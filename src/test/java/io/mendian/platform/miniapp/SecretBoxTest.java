package io.mendian.platform.miniapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** Sealed secrets are bound to their context and name their key, so rotation keeps old values readable. */
class SecretBoxTest {

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void aSealedValueOpensOnlyForItsOwnAppid() {
        SecretBox box = new SecretBox(newKey(), Optional.empty());
        String sealed = box.seal("refresh-token", "wechat:refresh:wx0000000000000001");
        assertTrue(sealed.startsWith("v2:"), sealed);
        assertEquals("refresh-token", box.open(sealed, "wechat:refresh:wx0000000000000001"));
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "wechat:refresh:wx0000000000000002"));
        assertThrows(IllegalStateException.class, () -> box.open(sealed, "wechat:access:wx0000000000000001"));
    }

    @Test
    void afterARotationOldValuesStillOpenAndNewOnesUseTheNewKey() {
        String oldKey = newKey();
        SecretBox before = new SecretBox(oldKey, Optional.empty());
        String old = before.seal("token", "ctx");
        SecretBox after = new SecretBox(newKey(), Optional.of(List.of(oldKey)));
        assertEquals("token", after.open(old, "ctx"));
        assertFalse(after.isCurrent(old), "re-seal values under the new key");
        String fresh = after.seal("token", "ctx");
        assertTrue(after.isCurrent(fresh));
        assertTrue(!fresh.substring(0, 12).equals(old.substring(0, 12)), "a different key id");
        assertThrows(IllegalStateException.class, () -> new SecretBox(newKey(), Optional.empty()).open(old, "ctx"));
    }

    @Test
    void valuesOfTheFirstFormatStillOpen() throws Exception {
        String key = newKey();
        byte[] nonce = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
                Cipher.ENCRYPT_MODE,
                new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
                new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal("legacy".getBytes(StandardCharsets.UTF_8));
        String v1 = "v1:"
                + Base64.getEncoder()
                        .encodeToString(ByteBuffer.allocate(12 + sealed.length)
                                .put(nonce)
                                .put(sealed)
                                .array());
        assertEquals("legacy", new SecretBox(key, Optional.empty()).open(v1, "any"));
    }
}
