package io.mendian.web.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import io.mendian.identity.Grant;
import io.mendian.identity.Role;
import io.mendian.identity.Scope;
import io.mendian.identity.StaffAccounts;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.Brands;
import io.mendian.testsupport.Browser;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Order ahead from both sides: HQ sees it on (the cafe template turns it on); a member orders a tea "as soon as
 * possible", pays and gets queue number A001; the store makes it from the make queue and calls the number; the member
 * sees it ready; at the rush the store pauses order ahead and the next customer is told until when.
 */
@QuarkusTest
@QuarkusTestResource(value = InfraTestResource.class, restrictToAnnotatedClass = false)
class OrderAheadJourneyTest extends BrowserJourney {

    @TestHTTPResource("/hq/")
    URL hq;

    @TestHTTPResource("/store/")
    URL storeConsole;

    @TestHTTPResource("/shop/")
    URL shop;

    @Inject
    StaffAccounts accounts;

    @Test
    void aMemberOrdersAsSoonAsPossibleTheStoreCallsTheNumberAndPausesAtTheRush() {
        Shop s = Shops.shop("aheadui");
        String appid = s.brand().appid();

        Page page = browser.page(1280, 860);
        page.navigate(hq + "#/order-ahead");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        assertThat(page.locator("[data-test=ahead-enabled]")).hasClass(Pattern.compile("is-checked"));
        Browser.assertAccessible(page);
        Browser.screenshot(page, "hq-order-ahead");

        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "mia", "/me");
        Browser.teaToCheckout(phone, shop.toString(), appid, s.pickupStore());
        assertThat(phone.locator("[data-test=pickup-slot]")).containsText("尽快取餐");
        Browser.screenshot(phone, "shop-checkout-asap");
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交并支付"))
                .click();
        phone.locator("[data-test=sandbox-pay]").click();
        assertThat(phone.locator("[data-test=queue-no]")).hasText("A001");
        assertThat(phone.locator("[data-test=queue-ahead]")).containsText("下一个就是您的");
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-order-queue");

        Brands.Login clerk = Brands.aStaffLogin(
                accounts,
                s.brand(),
                "barista",
                List.of(new Grant(s.brand().tenant(), Role.STORE_CLERK, new Scope.Store(s.pickupStore()))));
        Page desk = browser.page(1280, 860);
        desk.navigate(storeConsole + "#/make-queue");
        Browser.signIn(desk, clerk.email(), clerk.password());
        assertThat(desk.locator("[data-queue=A001]")).containsText("Oolong Tea ×1");
        assertThat(desk.locator("[data-test=make-wait]")).containsText("分钟");
        Browser.assertAccessible(desk);
        Browser.screenshot(desk, "store-make-queue");
        desk.locator("[data-test=step-A001]").click();
        assertThat(desk.locator("[data-test=step-A001]")).hasText("开始制作");
        desk.locator("[data-test=step-A001]").click();
        assertThat(desk.locator("[data-test=step-A001]")).hasText("做好了，叫号");
        desk.locator("[data-test=step-A001]").click();
        assertThat(desk.locator("[data-ready=A001]")).isVisible();
        // Nobody comes: the store calls the number again.
        desk.locator("[data-test=call-A001]").click();
        assertThat(desk.getByText("已再次叫号 A001")).isVisible();

        phone.reload();
        assertThat(phone.locator("[data-test=queue-ready]")).containsText("已做好");

        // The rush: the store pauses order ahead for half an hour, and the next customer is told until when.
        desk.locator("[data-test=pause]").click();
        desk.locator("input[data-test=pause-reason]").fill("高峰时段");
        desk.locator("[data-test=pause-save]").click();
        assertThat(desk.locator("[data-test=paused]")).containsText("高峰时段");
        Browser.screenshot(desk, "store-make-queue-paused");
        Browser.teaToCheckout(phone, shop.toString(), appid, s.pickupStore());
        assertThat(phone.locator("[data-test=ahead-paused]")).containsText("暂停提前下单");
        assertThat(phone.locator("[data-test=pickup-slot]")).not().containsText("尽快取餐");
        Browser.assertAccessible(phone);
        desk.locator("[data-test=resume]").click();
        assertThat(desk.locator("[data-test=pause]")).isVisible();
    }

    /**
     * HQ limits each store to one pickup order per quarter of an hour; the storefront greys out a quarter already
     * taken, and when the quarter a member chose is taken before they submit, offers the next ones with room.
     */
    @Test
    void aFullQuarterOfAnHourIsGreyedOutAndATakenOneOffersTheNextTimesWithRoom() {
        Shop s = Shops.shop("slotsui");
        String appid = s.brand().appid();
        Page page = browser.page(1280, 860);
        page.navigate(hq + "#/order-ahead");
        Browser.signIn(page, s.brand().adminEmail(), s.brand().adminPassword());
        page.locator("[data-test=ahead-slot-capacity] input").fill("1");
        page.locator("[data-test=ahead-save]").click();
        assertThat(page.getByText("已保存")).isVisible();

        // The storefront offers quarters from a quarter of an hour ahead; the fourth from now is taken by Ned.
        Instant first = quarterAfter(Instant.now().plus(Duration.ofMinutes(15)));
        Instant taken = first.plus(Duration.ofMinutes(45));
        placeFor(appid, s, "ned", taken);
        Page phone = browser.phone(31.2305, 121.4738);
        Browser.shopSignIn(phone, shop.toString(), appid, "mia", "/me");
        Browser.teaToCheckout(phone, shop.toString(), appid, s.pickupStore());
        Locator full = phone.locator("[data-test=pickup-slot] option[value='" + iso(taken) + "']");
        assertThat(full).isDisabled();
        assertThat(full).containsText("已约满");

        // Mia chooses the next quarter; Oli takes it before she submits.
        Instant chosen = taken.plus(Duration.ofMinutes(15));
        phone.locator("[data-test=pickup-slot]").selectOption(iso(chosen));
        placeFor(appid, s, "oli", chosen);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交并支付"))
                .click();
        assertThat(phone.locator("[data-test=checkout-error]")).containsText("刚刚约满");
        Locator alternatives = phone.locator("[data-test=slot-alternatives] button");
        assertThat(alternatives).hasCount(3);
        Browser.assertAccessible(phone);
        Browser.screenshot(phone, "shop-checkout-slot-full");
        alternatives.first().click();
        assertThat(phone.locator("[data-test=pickup-slot]")).hasValue(iso(chosen.plus(Duration.ofMinutes(15))));
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("提交并支付"))
                .click();
        assertThat(phone.locator("[data-test=sandbox-pay]")).isVisible();
    }

    private static void placeFor(String appid, Shop s, String member, Instant pickupAt) {
        String token = Consumers.memberToken(appid, member);
        Shops.put(appid, token, s.pickupStore(), s.tea(), 1);
        Shops.member(token)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(Map.of(
                        "orders",
                        List.of(Map.of(
                                "storeId",
                                s.pickupStore(),
                                "mode",
                                "PICKUP",
                                "pickupAt",
                                pickupAt.plusSeconds(60).toString()))))
                .post("/api/shop/" + appid + "/checkout")
                .then()
                .statusCode(201);
    }

    /** The quarter of an hour the storefront rounds {@code at} up to (its minute, rounded up to a quarter). */
    private static Instant quarterAfter(Instant at) {
        long minutes = at.getEpochSecond() / 60;
        return Instant.ofEpochSecond(Math.ceilDiv(minutes, 15) * 15 * 60);
    }

    /** As the storefront writes times (JavaScript's toISOString). */
    private static String iso(Instant at) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
                .withZone(ZoneOffset.UTC)
                .format(at);
    }
}
