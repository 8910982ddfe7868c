package io.mendian.wechat.sandbox.pay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.mendian.wechat.WeChatSettings;

/**
 * WeChat Pay's side of APIv3 cryptography: verifies the merchant's {@code WECHATPAY2-SHA256-RSA2048} request
 * signatures, signs responses and callbacks with the platform key, and encrypts callback resources with the APIv3 key
 * (AES-256-GCM). Real algorithms throughout, so the app's SDK verifies the sandbox exactly as it would verify WeChat.
 */
@ApplicationScoped
public class SandboxPayCrypto {

    static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    private static final Pattern FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");
    private static final long SKEW_SECONDS = 300;
    private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final WeChatSettings.Pay settings;
    private final SecureRandom random = new SecureRandom();
    private volatile PrivateKey platformKey;
    private volatile PublicKey merchantKey;

    public SandboxPayCrypto(WeChatSettings settings) {
        this.settings = settings.sandbox().pay();
    }

    /** Headers WeChat Pay adds to a signed answer, with the exact case the SDK looks for. */
    public record Signed(String timestamp, String nonce, String signature, String serial) {}

    /** Checks a request's Authorization header; returns the calling mchid, or a reason to refuse it. */
    public Verdict verify(String method, String canonicalUrl, String body, String authorization) {
        if (authorization == null || !authorization.startsWith(SCHEMA + " ")) {
            return Verdict.refused("Authorization must use " + SCHEMA);
        }
        Map<String, String> fields = new HashMap<>();
        Matcher m = FIELD.matcher(authorization.substring(SCHEMA.length()));
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        String mchid = fields.get("mchid");
        String serial = fields.get("serial_no");
        String timestamp = fields.get("timestamp");
        String nonce = fields.get("nonce_str");
        String signature = fields.get("signature");
        if (mchid == null || serial == null || timestamp == null || nonce == null || signature == null) {
            return Verdict.refused("Authorization lacks mchid, serial_no, timestamp, nonce_str or signature");
        }
        if (!settings.spMchid().equals(mchid) || !settings.merchantSerial().equalsIgnoreCase(serial)) {
            return Verdict.refused("unknown merchant certificate " + serial + " for mchid " + mchid);
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return Verdict.refused("timestamp is not a number");
        }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > SKEW_SECONDS) {
            return Verdict.refused("timestamp outside the allowed window");
        }
        String message = method + "\n" + canonicalUrl + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(merchantKey());
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            if (!verifier.verify(Base64.getDecoder().decode(signature))) {
                return Verdict.refused("signature does not verify");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Verdict.refused("signature does not verify");
        }
        return new Verdict(mchid, null);
    }

    /** The outcome of checking a request signature. */
    public record Verdict(String mchid, String refusal) {
        static Verdict refused(String why) {
            return new Verdict(null, why);
        }

        public boolean ok() {
            return refusal == null;
        }
    }

    /** Signs {@code timestamp\nnonce\nbody\n} with the platform key, as every answer and callback is signed. */
    public Signed sign(String body) {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        String nonce = nonce(32);
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(platformKey());
            signer.update((timestamp + "\n" + nonce + "\n" + body + "\n").getBytes(StandardCharsets.UTF_8));
            return new Signed(
                    timestamp,
                    nonce,
                    Base64.getEncoder().encodeToString(signer.sign()),
                    settings.platformPublicKeyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A callback resource: AES-256-GCM under the APIv3 key, nonce of 12 characters, associated data as given. */
    public record Sealed(String ciphertext, String nonce, String associatedData) {}

    public Sealed seal(String plaintext, String associatedData) {
        String nonce = nonce(12);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(settings.apiV3Key().getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return new Sealed(Base64.getEncoder().encodeToString(sealed), nonce, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Decrypts a field the merchant encrypted with WeChat Pay's public key (RSA-OAEP); null when it does not decrypt. */
    public String open(String base64) {
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.DECRYPT_MODE, platformKey());
            return new String(cipher.doFinal(Base64.getDecoder().decode(base64)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    String nonce(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(NONCE_CHARS.charAt(random.nextInt(NONCE_CHARS.length())));
        }
        return b.toString();
    }

    private PrivateKey platformKey() throws GeneralSecurityException {
        if (platformKey == null) {
            platformKey = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(decode(settings.platformPrivateKey())));
        }
        return platformKey;
    }

    private PublicKey merchantKey() throws GeneralSecurityException {
        if (merchantKey == null) {
            merchantKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(decode(settings.merchantPublicKey())));
        }
        return merchantKey;
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder()
                .decode(base64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
