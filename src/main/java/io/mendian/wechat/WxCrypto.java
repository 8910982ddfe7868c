package io.mendian.wechat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's message encryption for Open Platform pushes (WXBizMsgCrypt): AES-256-CBC with the key from the 43-character
 * EncodingAESKey, IV = its first 16 bytes, PKCS#7 padding to 32-byte blocks, plaintext = 16 random bytes, the message
 * length (4 bytes, big-endian), the message and the appid; {@code msg_signature} = SHA-1 over the sorted token,
 * timestamp, nonce and ciphertext. Both the sandbox (which encrypts) and the platform (which verifies) use this class.
 */
public final class WxCrypto {

    private static final int BLOCK = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] key;
    private final String token;
    private final String appid;

    /** Thrown when a push fails verification: wrong signature, bad ciphertext, or addressed to another appid. */
    public static final class Rejected extends RuntimeException {
        public Rejected(String message) {
            super(message);
        }
    }

    public WxCrypto(String token, String encodingAesKey, String appid) {
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("EncodingAESKey must be 43 characters");
        }
        this.key = Base64.getDecoder().decode(encodingAesKey + "=");
        this.token = token;
        this.appid = appid;
    }

    /** The crypto of the platform's own component account: what WeChat signs and encrypts its pushes to us with. */
    public static WxCrypto of(WeChatSettings.Component component) {
        return new WxCrypto(component.token(), component.encodingAesKey(), component.appid());
    }

    public String encrypt(String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] id = appid.getBytes(StandardCharsets.UTF_8);
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        ByteBuffer plain = ByteBuffer.allocate(16 + 4 + text.length + id.length);
        plain.put(random).putInt(text.length).put(text).put(id);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE);
            return Base64.getEncoder().encodeToString(cipher.doFinal(pad(plain.array())));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is unavailable", e);
        }
    }

    /** Verifies the signature, decrypts, and checks the trailing appid; throws {@link Rejected} otherwise. */
    public String decrypt(String msgSignature, String timestamp, String nonce, String encrypted) {
        if (msgSignature == null
                || encrypted == null
                || !MessageDigest.isEqual(
                        signature(timestamp, nonce, encrypted).getBytes(StandardCharsets.US_ASCII),
                        msgSignature.getBytes(StandardCharsets.US_ASCII))) {
            throw new Rejected("msg_signature does not match");
        }
        byte[] plain;
        try {
            plain = unpad(
                    cipher(Cipher.DECRYPT_MODE).doFinal(Base64.getDecoder().decode(encrypted)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Rejected("cannot decrypt: " + e.getClass().getSimpleName());
        }
        if (plain.length < 20) {
            throw new Rejected("plaintext too short");
        }
        int length = ByteBuffer.wrap(plain, 16, 4).getInt();
        if (length < 0 || 20 + length > plain.length) {
            throw new Rejected("bad message length");
        }
        String from = new String(plain, 20 + length, plain.length - 20 - length, StandardCharsets.UTF_8);
        if (!from.equals(appid)) {
            throw new Rejected("message is for appid " + from);
        }
        return new String(plain, 20, length, StandardCharsets.UTF_8);
    }

    public String signature(String timestamp, String nonce, String encrypted) {
        String[] parts = {token, nullToEmpty(timestamp), nullToEmpty(nonce), encrypted};
        Arrays.sort(parts);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(String.join("", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is unavailable", e);
        }
    }

    public static String nonce() {
        return Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
    }

    private Cipher cipher(int mode) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(Arrays.copyOfRange(key, 0, 16)));
        return cipher;
    }

    private static byte[] pad(byte[] data) {
        int amount = BLOCK - (data.length % BLOCK);
        byte[] padded = Arrays.copyOf(data, data.length + amount);
        Arrays.fill(padded, data.length, padded.length, (byte) amount);
        return padded;
    }

    private static byte[] unpad(byte[] data) throws GeneralSecurityException {
        int amount = data.length == 0 ? 0 : data[data.length - 1] & 0xff;
        if (amount < 1 || amount > BLOCK || amount > data.length) {
            throw new javax.crypto.BadPaddingException("bad padding");
        }
        return Arrays.copyOf(data, data.length - amount);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
