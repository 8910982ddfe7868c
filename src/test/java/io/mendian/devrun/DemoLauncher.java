package io.mendian.devrun;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.testinfra.EmbeddedInfrastructure;

/**
 * The README's run command ({@code ./mvnw -Pdemo}): starts PostgreSQL, Redis, Artemis and Keycloak, starts the
 * packaged application against them, signs up the demo brand through the public API, adds its regions, stores and
 * staff, prints where everything is, and stops every child process on Ctrl-C.
 *
 * <p>Set {@code MENDIAN_DB_URL} and friends to point the application at external components instead (production path,
 * see README); this launcher is for trying Mendian on a machine that has only a JDK.
 */
public final class DemoLauncher {

    static final String SLUG = "demo";
    static final String APPID = "wx00000000000de001";
    static final String PASSWORD = "demo1234";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalStack stack = new LocalStack();
    private EmbeddedInfrastructure infra;
    private DemoMailbox mailbox;
    private String api;

    public static void main(String[] args) throws Exception {
        DemoLauncher launcher = new DemoLauncher();
        try {
            launcher.run();
        } catch (Exception e) {
            System.err.println("The demo could not start: " + e.getMessage() + " (see target/demo-app.log)");
            launcher.stop();
            System.exit(1);
        }
    }

    private void run() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop();
                            stopped.countDown();
                        },
                        "demo-shutdown"));
        infra = stack.startInfrastructure(8180);
        mailbox = new DemoMailbox(infra.mail(), Path.of("target/demo-mail"));
        System.out.println("Starting the application, log: target/demo-app.log");
        // The demo shows the first admin's initial password once, as dev and test do (production e-mails it).
        // The WeChat sandbox stands in for WeChat: the demo brand authorizes its mini-program and watches it deploy.
        // A second PostgreSQL server, closed to new brands: the operator can move a brand there (ops console → 品牌 →
        // 迁移) and watch it keep working (docs/operations/shards.md).
        String east = infra.startShard();
        stack.startApp(
                8080,
                "demo-app.log",
                "mendian.signup.expose-temporary-password=true",
                "quarkus.http.cors.origins=/.*/",
                "mendian.wechat.sandbox.enabled=true",
                "mendian.shards.east.url=" + east,
                "mendian.shards.east.username=postgres",
                "mendian.shards.east.password=postgres");
        api = stack.api();
        String admin = seed();
        String saas = goLive(token(admin));
        String manager = token("manager.sh001@demo.mendian.local");
        saas += "\n" + new DemoCoupons(this::send, APPID).seed(token(admin), manager, token(admin));
        DemoOrders demoOrders = new DemoOrders(this::send, APPID);
        saas += "\n" + demoOrders.place(manager, token(admin));
        saas += "\n" + demoOrders.groupBuy(token(admin));
        saas += "\n" + demoOrders.storedValue(token(admin));
        saas += "\n"
                + new DemoBeauty(this::send, email -> {
                            setPassword(userId(email));
                            return token(email);
                        })
                        .seed();
        printBanner(admin, saas);
        stopped.await();
    }

    /** Signs the demo brand up through the public API, then adds regions, stores and staff. Returns the admin's login. */
    private String seed() throws Exception {
        String adminEmail = "admin@demo.mendian.local";
        JsonNode job = send(
                "POST",
                "/api/signup",
                null,
                Map.of(
                        "brandName",
                        "Mendian Demo Coffee",
                        "slug",
                        SLUG,
                        "adminEmail",
                        adminEmail,
                        "industry",
                        "cafe",
                        "plan",
                        "pro"));
        String jobId = job.path("id").asText();
        JsonNode done = null;
        for (int i = 0;
                i < 600
                        && (done == null
                                || !"SUCCEEDED".equals(done.path("status").asText()));
                i++) {
            Thread.sleep(250);
            done = send("GET", "/api/signup/" + jobId, null, null);
            if ("FAILED".equals(done.path("status").asText())) {
                throw new IllegalStateException("demo signup failed: " + done);
            }
        }
        setPassword(userId(adminEmail));
        String token = token(adminEmail);

        long east = send("POST", "/api/hq/regions", token, Map.of("code", "EAST", "name", "East China"))
                .path("id")
                .asLong();
        long south = send("POST", "/api/hq/regions", token, Map.of("code", "SOUTH", "name", "South China"))
                .path("id")
                .asLong();
        long shanghai = store(
                token,
                "SH-001",
                "Shanghai Jing'an Temple",
                "Shanghai",
                "Jing'an",
                "1686 West Nanjing Rd",
                east,
                "31.223500",
                "121.445800");
        // More Shanghai stores, spread over the city, so that nearest-store search has something to sort.
        String[][] city = {
            {"SH-002", "Shanghai People's Square", "Huangpu", "200 East Nanjing Rd", "31.234900", "121.475600"},
            {"SH-003", "Shanghai Lujiazui", "Pudong", "88 Century Ave", "31.239700", "121.499800"},
            {"SH-004", "Shanghai Xujiahui", "Xuhui", "1 Hongqiao Rd", "31.195600", "121.437000"},
            {"SH-005", "Shanghai Wujiaochang", "Yangpu", "10 Songhu Rd", "31.300300", "121.514400"},
            {"SH-006", "Shanghai Hongqiao Hub", "Minhang", "1 Shenhong Rd", "31.194200", "121.320800"}
        };
        List<Long> stores = new java.util.ArrayList<>(List.of(shanghai));
        for (String[] s : city) {
            stores.add(store(token, s[0], s[1], "Shanghai", s[2], s[3], east, s[4], s[5]));
        }
        stores.add(store(
                token,
                "HZ-001",
                "Hangzhou West Lake",
                "Hangzhou",
                "Shangcheng",
                "18 Hubin Rd",
                east,
                "30.258000",
                "120.163700"));
        stores.add(store(
                token,
                "SZ-001",
                "Shenzhen Futian",
                "Shenzhen",
                "Futian",
                "5 Fuhua 1st Rd",
                south,
                "22.536800",
                "114.057600"));
        DemoCatalogue.Call hq = (method, path, body) -> send(method, path, token, body);
        List<Long> skus = DemoCatalogue.seed(hq, shanghai);
        DemoStock.seed(hq, stores, skus);

        staff(token, "region.east@demo.mendian.local", "region_manager", "region/" + east);
        staff(token, "manager.sh001@demo.mendian.local", "store_manager", "store/" + shanghai);
        staff(token, "clerk.sh001@demo.mendian.local", "store_clerk", "store/" + shanghai);
        return adminEmail;
    }

    /**
     * The SaaS story: the brand authorizes its mini-program on WeChat (the sandbox approves), Mendian commits
     * the template with the brand's ext_json, submits it, and releases it when the audit passes; then HQ ends its trial
     * and gets its first invoice, and the operator's MRR counts it.
     */
    private String goLive(String token) throws Exception {
        send("POST", "/sandbox/wechat/open/test/tickets", null, null);
        String url = send("POST", "/api/hq/miniapp/authorization", token, null)
                .path("authorizationUrl")
                .asText();
        HttpClient browser = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        HttpResponse<String> page = browser.send(
                HttpRequest.newBuilder(URI.create(url + "&biz_appid=" + APPID)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (page.statusCode() != 200) {
            throw new IllegalStateException(
                    "the sandbox authorization answered " + page.statusCode() + ": " + page.body());
        }
        JsonNode miniapp = null;
        for (int i = 0; i < 240; i++) {
            miniapp = send("GET", "/api/hq/miniapp", token, null);
            if ("RELEASED".equals(miniapp.path("deployment").path("state").asText())) {
                break;
            }
            Thread.sleep(250);
        }
        send("POST", "/api/hq/subscription/activation", token, Map.of());
        JsonNode subscription = send("GET", "/api/hq/subscription", token, null);
        JsonNode invoice =
                send("GET", "/api/hq/invoices", token, null).path("items").path(0);
        String operator = stack.token("operator", "operator");
        JsonNode overview = send("GET", "/api/platform/overview", operator, null);
        JsonNode deployment = miniapp.path("deployment");
        JsonNode merchant = openSubMerchant(token);
        return String.join(
                "\n",
                " The SaaS side of the demo brand:",
                "   WeChat Pay sub-merchant " + merchant.path("subMchid").asText("?") + ": "
                        + merchant.path("state").asText() + " (GET /api/hq/payment/sub-merchant)",
                "   Mini-program " + APPID + ": " + deployment.path("state").asText("?") + " (template "
                        + deployment.path("templateId").asText() + " v"
                        + deployment.path("userVersion").asText() + "); history: GET /api/hq/miniapp",
                "   Plan " + subscription.path("planName").asText() + ", subscription "
                        + subscription.path("status").asText() + ", usage " + subscription.path("usage"),
                "   First invoice " + invoice.path("number").asText() + ": "
                        + yuan(invoice.path("totalFen").asLong()) + " yuan, due "
                        + invoice.path("dueAt").asText("??????????").substring(0, 10) + " (GET /api/hq/invoices)",
                "   Operator MRR: " + yuan(overview.path("mrrFen").asLong())
                        + " yuan (GET /api/platform/overview); overdue invoices: "
                        + "GET /api/platform/billing/invoices?status=OVERDUE");
    }

    /** HQ applies for the brand's WeChat Pay sub-merchant account; the sandbox's review takes a few seconds. */
    private JsonNode openSubMerchant(String token) throws Exception {
        send(
                "POST",
                "/api/hq/payment/sub-merchant/applyment",
                token,
                Map.of(
                        "companyName", "门店示范餐饮有限公司",
                        "licenseNumber", "91310000MA1K000000",
                        "merchantShortname", "门店示范",
                        "contactName", "张三",
                        "contactPhone", "13800000000",
                        "accountName", "门店示范餐饮有限公司",
                        "accountBank", "招商银行",
                        "accountNumber", "6225880000000000"));
        JsonNode merchant = null;
        for (int i = 0; i < 120; i++) {
            merchant = send("GET", "/api/hq/payment/sub-merchant", token, null);
            if (merchant.path("canTakePayments").asBoolean()) {
                break;
            }
            Thread.sleep(500);
        }
        return merchant;
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    private long store(
            String token,
            String code,
            String name,
            String city,
            String district,
            String address,
            long region,
            String lat,
            String lng)
            throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "code",
                code,
                "name",
                name,
                "city",
                city,
                "district",
                district,
                "address",
                address,
                "regionId",
                region,
                "status",
                "OPEN",
                "latitude",
                new java.math.BigDecimal(lat),
                "longitude",
                new java.math.BigDecimal(lng),
                "phone",
                "400-820-0000"));
        body.put("hours", DemoCatalogue.HOURS);
        body.put(
                "fulfilment",
                Map.of(
                        "pickup",
                        true,
                        "express",
                        false,
                        "delivery",
                        Map.of("enabled", true, "radiusMeters", 3000, "feeFen", 600, "minimumOrderFen", 3000)));
        return send("POST", "/api/hq/stores", token, body).path("id").asLong();
    }

    /** Staff join the way HQ adds them, through the staff API; then they get the demo password. */
    private void staff(String token, String email, String role, String scope) throws Exception {
        Map<String, Object> body = Map.of(
                "email",
                email,
                "name",
                email.substring(0, email.indexOf('@')),
                "grants",
                List.of(Map.of("role", role, "scope", scope)));
        setPassword(send("POST", "/api/hq/staff", token, body).path("userId").asText());
    }

    private String userId(String username) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(infra.keycloakUrl()
                        + "/admin/realms/mendian/users?exact=true&username="
                        + java.net.URLEncoder.encode(username, java.nio.charset.StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + masterToken())
                .build();
        return JSON.readTree(
                        HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body())
                .path(0)
                .path("id")
                .asText();
    }

    private String masterToken() throws IOException, InterruptedException {
        return form(
                        infra.keycloakUrl() + "/realms/master/protocol/openid-connect/token",
                        "grant_type=password&client_id=admin-cli&username=admin&password=admin")
                .path("access_token")
                .asText();
    }

    /** Demo logins get one memorable password; real brands never do (their admin's password is random or e-mailed). */
    private void setPassword(String userId) {
        try {
            String adminToken = masterToken();
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            infra.keycloakUrl() + "/admin/realms/mendian/users/" + userId + "/reset-password"))
                    .header("Authorization", "Bearer " + adminToken)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(
                            "{\"type\":\"password\",\"value\":\"" + PASSWORD + "\",\"temporary\":false}"))
                    .build();
            int status =
                    HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
            if (status != 204) {
                throw new IllegalStateException("could not set the demo password: HTTP " + status);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private String token(String username) throws Exception {
        return stack.token(username, PASSWORD);
    }

    private static JsonNode form(String url, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private JsonNode send(String method, String path, String token, Object body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(api + path)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (!method.equals("GET")) {
            request.header("Idempotency-Key", "demo-" + UUID.randomUUID());
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private void printBanner(String admin, String saas) {
        String kc = infra.keycloakUrl();
        System.out.println(
                """

                ==================================================================================
                 Mendian is running with the demo brand "demo" (8 stores in 2 regions, ~50 SKUs).
                   Start here       %1$s/            (what Mendian is, and where each part lives)
                   Sign a brand up  %1$s/signup/
                   HQ console       %1$s/hq/         (HQ admin or region manager below)
                   Store console    %1$s/store/      (store clerk or manager below; a tablet at the counter)
                   Operator console %1$s/ops/        (SaaS operator below; move a brand to the 2nd database)
                   Storefront (H5)  %1$s/shop/#/%5$s   (a customer on a phone; sign in with any name)
                   API          %1$s
                   Swagger UI   %1$s/q/swagger-ui
                   Health       %1$s/q/health/ready
                   Keycloak     %2$s  (admin console: admin / admin)

                 Demo logins (password %3$s for all), realm "mendian":
                   HQ admin        %4$s
                   Region manager  region.east@demo.mendian.local   (East China)
                   Store manager   manager.sh001@demo.mendian.local (SH-001)
                   Store clerk     clerk.sh001@demo.mendian.local   (SH-001)
                   SaaS operator   operator / operator
                   Beauty brand    admin@beauty.mendian.local       (HQ admin of the booking demo below)

                 Mail (staff invitations, Keycloak's set-password mail) goes to a local GreenMail server:
                   every message is copied to target/demo-mail/*.eml and announced here; or read it over
                   IMAP at 127.0.0.1:%6$d (login and password: the recipient's address)

                 Try it:
                   TOKEN=$(curl -s -d grant_type=password -d client_id=mendian-dev-cli \\
                     -d username=%4$s -d password=%3$s \\
                     %2$s/realms/mendian/protocol/openid-connect/token | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
                   curl -H "Authorization: Bearer $TOKEN" %1$s/api/hq/stores
                   curl %1$s/api/shop/%5$s/stores          (anonymous mini-program browsing)
                   curl '%1$s/api/shop/%5$s/stores/nearby?lat=31.2304&lng=121.4737'
                   curl %1$s/api/shop/%5$s/stores/1/products

                @@SAAS@@
                 Ctrl-C stops everything.
                ==================================================================================
                """.formatted(api, kc, PASSWORD, admin, APPID, infra.imapPort()).replace("@@SAAS@@", saas));
    }

    private void stop() {
        if (mailbox != null) {
            mailbox.close();
        }
        stack.close();
    }
}
