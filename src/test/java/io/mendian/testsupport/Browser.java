package io.mendian.testsupport;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * A real Chromium (Debian's, never a downloaded one) driven by Playwright for Java. Without Chromium the journeys are
 * skipped with a loud message, so that ./mvnw verify still runs on a bare JDK; .ci/run installs Chromium and the CJK
 * fonts and sets MENDIAN_REQUIRE_BROWSER=true, which turns a missing browser into a failure.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("MENDIAN_CHROMIUM", "/usr/bin/chromium"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path AXE = Path.of("src", "main", "frontend", "node_modules", "axe-core", "axe.min.js");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    /** Chromium, or the test is skipped (failed when the browser is required) with the reason. */
    public static Browser launch() {
        require(
                Files.isExecutable(CHROMIUM),
                "no Chromium at " + CHROMIUM + " (apt-get install chromium fonts-noto-cjk)");
        require(
                Browser.class.getResource("/META-INF/resources/index.html") != null,
                "the front end was not built (-Dmendian.frontend.skip=true)");
        // Web-first assertions wait for the page; on a loaded 2-core CI machine a callback or a feed poll can take
        // longer than Playwright's default 5 s.
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Playwright playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        var chromium = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage")));
        return new Browser(playwright, chromium);
    }

    /** A fresh page as a desktop user (1280 wide) whose browser prefers Chinese. */
    public Page page() {
        return page(1280, 800);
    }

    public Page page(int width, int height) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(width, height));
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        return page;
    }

    /** A phone (375 × 812, touch) standing at the given GCJ-02 point, which lets pages read its location. */
    public Page phone(double latitude, double longitude) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setLocale("zh-CN")
                .setTimezoneId("Asia/Shanghai")
                .setViewportSize(375, 812)
                .setIsMobile(true)
                .setHasTouch(true)
                .setGeolocation(latitude, longitude)
                .setPermissions(List.of("geolocation")));
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        return page;
    }

    /**
     * Signs in on Keycloak's page where the console sent the browser. With organizations on, Keycloak asks for the
     * username first (to find the person's organization) and for the password on the next page.
     */
    public static void signIn(Page page, String username, String password) {
        page.locator("#username").fill(username);
        if (page.locator("#password").count() == 0) {
            page.locator("#kc-login").click();
        }
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
    }

    /** Keeps a screenshot of the page under target/screenshots for reviewers. */
    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SCREENSHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }

    /**
     * On a failed journey: every open page as it stands ({@code failed-<test>-<n>.png}) with its visible text on the
     * test's output, which is what CI shows.
     */
    public void explainFailure(String test) {
        int n = 0;
        for (var context : chromium.contexts()) {
            for (Page page : context.pages()) {
                String name = "failed-" + test + "-" + n++;
                try {
                    screenshot(page, name);
                    String text = page.locator("body")
                            .innerText(new com.microsoft.playwright.Locator.InnerTextOptions().setTimeout(2_000));
                    System.out.println("PAGE " + name + " at " + page.url() + ":\n"
                            + (text.length() > 2000
                                    ? text.substring(0, 1000) + "\n…\n" + text.substring(text.length() - 1000)
                                    : text));
                } catch (RuntimeException e) {
                    System.out.println("PAGE " + name + " unreadable: " + e.getMessage());
                }
            }
        }
    }

    /** Runs axe-core on the page and fails on serious or critical violations, naming them. */
    public static void assertAccessible(Page page) {
        try {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(AXE)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("axe-core is installed by the front-end build (npm ci): " + AXE, e);
        }
        // A console's toast (Element Plus's message) left over from an earlier step fades out on its own; while it
        // fades
        // its half-transparent text fails colour contrast, so wait (up to 5 s) until none is left on the page.
        page.evaluate("async () => { for (let i = 0; i < 50 && document.querySelector('.el-message'); i++) await new "
                + "Promise(r => setTimeout(r, 100)) }");
        // Let toasts and dialogs finish fading in first: half-transparent text mid-transition fails colour contrast.
        page.evaluate("async () => { const settling = document.getAnimations().filter(a => a.effect && a.effect"
                + ".getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)); await Promise.race(["
                + "Promise.all(settling), new Promise(r => setTimeout(r, 2000))]) }");
        Object found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' '))"
                + ".join(', '))");
        if (found instanceof List<?> violations && !violations.isEmpty()) {
            fail("accessibility violations on " + page.url() + ":\n  "
                    + String.join(
                            "\n  ", violations.stream().map(String::valueOf).toList()));
        }
    }

    private static void require(boolean present, String reason) {
        if (present) {
            return;
        }
        if ("true".equals(System.getenv("MENDIAN_REQUIRE_BROWSER"))) {
            fail("browser tests are required here, but " + reason);
        }
        System.err.println("\n!!!!! SKIPPING BROWSER TESTS: " + reason + " !!!!!\n");
        Assumptions.abort("browser tests skipped: " + reason);
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }

    /** In the storefront on a phone: one Oolong Tea (TEA-M, 18.00) from the store into the cart, then to checkout. */
    public static void teaToCheckout(Page phone, String shop, String appid, long store) {
        // A fresh load, not a hash change: a change of hash while the previous page still routes (a redirect after
        // sign-in, a lazy chunk arriving) was once overtaken and left the phone on the store list.
        phone.navigate("about:blank");
        phone.navigate(shop + "#/" + appid + "/stores/" + store);
        // The store page's banners (flash sales, group buys, booking) arrive after its products and move them: a
        // click aimed before they settle can land on the back arrow.
        phone.locator("[data-product='Oolong Tea']").waitFor();
        phone.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        phone.locator("[data-product='Oolong Tea']").click();
        phone.getByText("TEA-M", new Page.GetByTextOptions().setExact(true)).click();
        phone.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("加入购物车"))
                .click();
        phone.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("去结算（1）"))
                .click();
    }

    /** Signs in to the storefront through the sandbox's WeChat sign-in, landing on {@code next}. */
    public static void shopSignIn(Page phone, String shop, String appid, String user, String next) {
        phone.navigate(shop + "#/" + appid + "/login?next=/" + appid + next);
        phone.locator("[data-test=wechat-user] input").fill(user);
        phone.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登录"))
                .click();
        // Settled at the next page (its lazy chunk and first reads done): a navigation begun while the router is still
        // resolving this one is overtaken by it. The whole route, not its end: the login page's own address ends in
        // "?next=<next>" and matched at once, so a journey could navigate away before the sign-in had finished.
        phone.waitForURL(java.util.regex.Pattern.compile(".*#/" + java.util.regex.Pattern.quote(appid + next) + "$"));
        phone.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
    }
}
