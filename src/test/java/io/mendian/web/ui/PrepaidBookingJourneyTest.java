package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Api;
import io.mendian.testsupport.Bookings;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** A member books an item paid online on the phone, pays in the WeChat Pay sandbox, and the payment confirms it. */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class PrepaidBookingJourneyTest extends BrowserJourney {

    @TestHTTPResource("/shop/")
    URL shop;

    @Test
    void aMemberPaysForABookingAndThePaymentConfirmsIt() {
        Shop s = Shops.shop("prepayui");
        String admin = s.brand().adminToken();
        Map<String, Object> item = new HashMap<>(Bookings.item("DEEP", 60, 1, true));
        item.put("name", "深层护理");
        item.put("priceFen", 12800);
        item.put("prepay", true);
        long itemId = Api.create(admin, "/api/hq/booking/items", item);
        Bookings.person(admin, s.pickupStore(), "安娜", itemId, List.of("09:00-18:00"));

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), s.brand().appid(), "pia", "/stores/" + s.pickupStore());
        phone.locator("[data-test=booking-banner]").click();
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("明天"))
                .click();
        phone.locator("[data-slot='10:00']").click();
        assertThat(phone.locator("[data-test=confirm-booking]")).hasText("支付 ¥128.00 确认预约");
        phone.locator("[data-test=confirm-booking]").click();
        phone.locator("[data-test=sandbox-pay]").click();
        assertThat(phone.locator("[data-test=appointment-status]")).hasText("已预约");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-appointment-paid");
    }
}
