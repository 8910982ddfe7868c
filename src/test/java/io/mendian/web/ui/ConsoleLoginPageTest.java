package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Brands.Brand;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Keycloak;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The consoles' sign-in page is Keycloak's, through the public console client with PKCE: it speaks Chinese unless
 * the person's browser asks for English, and a brand's admin who signs in comes back to the console with a code.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class ConsoleLoginPageTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL console;

    @Test
    void theLoginPageIsChineseByDefaultAndAnAdminReturnsToTheConsoleWithACode() throws Exception {
        Brand brand = Brands.anActiveBrand("login");
        Page page = browser.page();
        page.navigate(authorize(""));
        assertThat(page.locator("#kc-login")).hasText("登录");
        Browser.screenshot(page, "console-login-zh");

        Browser.signIn(page, brand.adminEmail(), brand.adminPassword());
        page.waitForURL(Pattern.compile(".*/hq/\\?.*code=.*"));

        Page english = browser.page();
        english.navigate(authorize("&ui_locales=en"));
        assertThat(english.locator("#kc-login")).hasText("Sign In");
    }

    private String authorize(String extra) throws Exception {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String challenge = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        return Keycloak.url() + "/realms/mendian/protocol/openid-connect/auth?client_id=mendian-console"
                + "&response_type=code&scope=openid&state=journey&redirect_uri="
                + URLEncoder.encode(console.toString(), StandardCharsets.UTF_8) + "&code_challenge=" + challenge
                + "&code_challenge_method=S256" + extra;
    }
}
