package io.mendian.identity;

/** The contract of consumer access tokens: the audience they carry and the claims that name the brand and appid. */
public final class ConsumerToken {

    public static final String AUDIENCE = "mendian-shop";
    public static final String TENANT_CLAIM = "tenant";
    public static final String APPID_CLAIM = "appid";

    private ConsumerToken() {}
}
