package io.mendian.membership.app;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.mendian.identity.ConsumerToken;
import io.mendian.tenancy.TenantId;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs consumer access tokens (RS256, short-lived) that quarkus-oidc verifies as its {@code consumer} configuration,
 * and makes the opaque refresh tokens that only this server can redeem. The signing key comes from configuration (a
 * secret in production; the production guard refuses the development key).
 */
@ApplicationScoped
public class ConsumerTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final PrivateKey key;
    private final String issuer;
    private final Duration accessTtl;

    public ConsumerTokens(
            @ConfigProperty(name = "mendian.consumer-token.private-key") String privateKey,
            @ConfigProperty(name = "mendian.consumer-token.issuer") String issuer,
            @ConfigProperty(name = "mendian.consumer-token.access-ttl", defaultValue = "15M") Duration accessTtl) {
        this.key = parse(privateKey);
        this.issuer = issuer;
        this.accessTtl = accessTtl;
    }

    public Duration accessTtl() {
        return accessTtl;
    }

    /** An access token for the member in the brand, bound to the session family it came from. */
    public String access(TenantId tenant, long memberId, String appid, UUID family) {
        return Jwt.issuer(issuer)
                .subject(String.valueOf(memberId))
                .audience(ConsumerToken.AUDIENCE)
                .claim(ConsumerToken.TENANT_CLAIM, tenant.value())
                .claim(ConsumerToken.APPID_CLAIM, appid)
                .claim("sid", family.toString())
                .expiresIn(accessTtl)
                .jws()
                .keyId("mendian-consumer")
                .sign(key);
    }

    /** A new opaque refresh token (256 random bits); only its hash is stored. */
    public static String newRefreshToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String refreshToken) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256").digest(refreshToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey parse(String base64) {
        try {
            String body = base64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (Exception e) {
            throw new IllegalStateException(
                    "mendian.consumer-token.private-key must be an RSA private key (PKCS#8, base64 or PEM)", e);
        }
    }
}
