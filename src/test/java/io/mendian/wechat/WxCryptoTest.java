package io.mendian.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;

import org.junit.jupiter.api.Test;

/** WXBizMsgCrypt as WeChat specifies it: the platform only believes pushes that are signed, decrypt and name us. */
class WxCryptoTest {

    private static final String KEY = "c2FuZGJveC1rZXktZm9yLW1lbmRpYW4tb3Blbi1wbGE";
    private final WxCrypto crypto = new WxCrypto("token", KEY, "wx0000000000c0de01");

    @Test
    void aSignedMessageDecryptsToWhatWasSentIncludingChinese() {
        String message = "<xml><Reason><![CDATA[服务类目不符]]></Reason></xml>";
        String encrypted = crypto.encrypt(message);
        assertEquals(0, Base64.getDecoder().decode(encrypted).length % 32, "PKCS#7 pads to 32-byte blocks");
        assertEquals(
                message,
                crypto.decrypt(crypto.signature("1700000000", "n1", encrypted), "1700000000", "n1", encrypted));
        assertNotEquals(crypto.encrypt(message), encrypted, "a random prefix makes every ciphertext different");
    }

    @Test
    void aWrongSignatureATamperedCiphertextOrAnotherAppidIsRejected() {
        String encrypted = crypto.encrypt("<xml/>");
        assertThrows(WxCrypto.Rejected.class, () -> crypto.decrypt("0".repeat(40), "1", "n", encrypted));
        byte[] raw = Base64.getDecoder().decode(encrypted);
        raw[raw.length - 40] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(raw);
        assertThrows(
                WxCrypto.Rejected.class,
                () -> crypto.decrypt(crypto.signature("1", "n", tampered), "1", "n", tampered));
        WxCrypto other = new WxCrypto("token", KEY, "wx00000000000bad01");
        String foreign = other.encrypt("<xml/>");
        var rejected = assertThrows(
                WxCrypto.Rejected.class, () -> crypto.decrypt(crypto.signature("1", "n", foreign), "1", "n", foreign));
        assertTrue(rejected.getMessage().contains("wx00000000000bad01"));
    }

    @Test
    void theSignatureIsSha1OfTheSortedParts() {
        // sha1("1" + "encrypted" + "nonce" + "token"): the four parts sorted, then joined
        assertEquals("6c456752f78070925f1a97d90edfa1e581dba9ad", crypto.signature("1", "nonce", "encrypted"));
    }
}
