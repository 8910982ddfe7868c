package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Phone sign-in in the storefront: a shopper outside WeChat signs in with an SMS code (the sandbox phone shows it);
 * later the same person opens the shop through WeChat, binds the phone there, and carries on as the same member.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PhoneSignInJourneyTest extends BrowserJourney {

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void aShopperSignsInBySmsAndLaterBindsTheSamePhoneInWeChat() {
        Shop s = Shops.shop("phoneui");
        String appid = io.mendian.testsupport.MiniApps.freshAppid();
        io.mendian.testsupport.MiniApps.authorize(s.brand(), appid);

        Page phone = browser.phone(31.2305, 121.4738);
        phone.navigate(shop + "#/" + appid + "/login?next=/" + appid + "/me");
        phone.locator("[data-test=way-sms]").click();
        phone.locator("[data-test=sms-phone] input").fill("13912345678");
        phone.locator("[data-test=send-code]").click();
        assertThat(phone.locator("[data-test=sandbox-sms]")).containsText("验证码");
        Matcher code = Pattern.compile("([0-9]{6})")
                .matcher(phone.locator("[data-test=sandbox-sms]").textContent());
        code.find();
        phone.locator("[data-test=sms-code] input").fill(code.group(1));
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-sms-login");
        phone.locator("[data-test=sms-sign-in]").click();
        assertThat(phone.locator("[data-test=member-phone]")).containsText("139****5678");

        Page wechat = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(wechat, shop.toString(), appid, "noor", "/me");
        wechat.locator("[data-test=bind-phone]").click();
        wechat.locator("[data-test=bind-phone-number] input").fill("13912345678");
        wechat.locator("[data-test=bind-phone-confirm]").click();
        assertThat(wechat.locator("[data-test=member-phone]")).containsText("139****5678");
        Browser.assertAccessible(wechat);
        Browser.screenshot(wechat, "shop-phone-bound");
    }
}
