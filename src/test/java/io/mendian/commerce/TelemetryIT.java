package io.mendian.commerce;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.mendian.devrun.LocalStack;
import io.mendian.testinfra.EmbeddedInfrastructure;
import io.mendian.testinfra.InfraTestResource;
import io.mendian.testsupport.CommerceHistories;
import io.mendian.testsupport.Consumers;
import io.mendian.testsupport.Eventually;
import io.mendian.testsupport.RoundRobinProxy;
import io.mendian.testsupport.Shops;
import io.mendian.testsupport.Shops.Shop;
import io.restassured.RestAssured;

/**
 * Observability (issue 13, X5) on the packaged app: with an OTLP collector configured, traces of HTTP requests, their
 * JDBC statements, the broker and scheduled jobs reach it carrying the brand and the request id; the business metrics
 * (orders by status, reservations, payment callbacks, WeChat calls, provisioning steps, the outbox backlog) appear on
 * /q/metrics with a brand tag, and HTTP metrics carry templated paths. The collector here is a plain HTTP endpoint that
 * keeps what it is sent (OTLP over HTTP/protobuf, whose strings are readable in the bytes).
 */
class TelemetryIT {

    private static final ByteArrayOutputStream RECEIVED = new ByteArrayOutputStream();
    private static HttpServer collector;
    private static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", EmbeddedInfrastructure.freePort()), 50);
        collector.createContext("/", exchange -> {
            byte[] body =
                    read(exchange.getRequestBody(), exchange.getRequestHeaders().getFirst("Content-Encoding"));
            synchronized (RECEIVED) {
                RECEIVED.write(body);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        stack = new LocalStack();
        InfraTestResource.adopt(stack.startInfrastructure(0));
        stack.startApp(
                0,
                "telemetry.log",
                "quarkus.otel.sdk.disabled=false",
                "quarkus.otel.exporter.otlp.endpoint=http://127.0.0.1:"
                        + collector.getAddress().getPort(),
                "quarkus.otel.exporter.otlp.protocol=http/protobuf",
                "quarkus.otel.bsp.schedule.delay=200ms",
                "quarkus.otel.traces.sampler.arg=1.0",
                "mendian.ordering.expiry-every=1s",
                "mendian.wechat.sandbox.pay.applyment-delay=0S");
        RoundRobinProxy.aimRestAssured(stack.port());
    }

    @AfterAll
    static void stop() {
        RestAssured.reset();
        if (stack != null) {
            stack.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void tracesAndBusinessMetricsCarryTheBrandAndStayBounded() throws Exception {
        Shop s = Shops.shop("otel");
        CommerceHistories.prepare(s, 20, 0, "unused-");
        String member = Consumers.memberToken(s.brand().appid(), "otel-member");
        Shops.put(s.brand().appid(), member, s.pickupStore(), s.tea(), 1);
        String orderNo = Shops.checkoutPickup(s.brand().appid(), member, s.pickupStore());
        Shops.pay(s.brand(), member, orderNo);

        String slug = s.brand().slug();
        Eventually.isTrue(Duration.ofSeconds(30), () -> {
            String traces = received();
            return traces.contains("mendian.brand")
                    && traces.contains(slug)
                    && traces.contains("mendian.request_id")
                    && traces.contains("/api/shop/{appid}/checkout")
                    && traces.contains("postgresql")
                    && traces.contains("mendian.domain-events")
                    && traces.contains("ordering-payment-expiry");
        });

        String[] expected = {
            "mendian_orders_total{brand=\"" + slug + "\",status=\"PENDING_PAYMENT\"}",
            "mendian_orders_total{brand=\"" + slug + "\",status=\"PAID\"}",
            "mendian_reservations_total{brand=\"" + slug + "\",outcome=\"held\"}",
            "mendian_payment_callbacks_total{brand=\"" + slug + "\",kind=\"transaction\",outcome=\"accepted\"}",
            "mendian_wechat_calls_total{api=\"sns/component/jscode2session\",brand=",
            "mendian_provisioning_steps_total{brand=",
            "mendian_outbox_pending",
            "mendian_outbox_oldest_age_seconds",
            "uri=\"/api/shop/{appid}/checkout\"",
            // Buckets at the SLO thresholds, for percentiles across pods (docs/operations/slo.md).
            "http_server_requests_seconds_bucket{",
            "le=\"0.3\"",
            "le=\"0.8\""
        };
        // Counters move once their transaction commits, a moment after the answer: scrape until they are all there.
        Eventually.isTrue(Duration.ofSeconds(15), () -> {
            String scraped = scrape();
            return java.util.Arrays.stream(expected).allMatch(scraped::contains);
        });
        String metrics = scrape();
        for (String one : expected) {
            assertTrue(metrics.contains(one), one + " in /q/metrics");
        }
        assertTrue(!metrics.contains(orderNo), "no order number in any metric");
    }

    /** The whole scrape, read with a plain client: it is large, and REST Assured here closes idle connections. */
    private static String scrape() {
        try {
            return java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(java.net.URI.create(stack.api() + "/q/metrics"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (java.io.IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static String received() {
        synchronized (RECEIVED) {
            return RECEIVED.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] read(InputStream body, String encoding) throws IOException {
        byte[] raw = body.readAllBytes();
        if ("gzip".equalsIgnoreCase(encoding)) {
            try (InputStream unzipped = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
                return unzipped.readAllBytes();
            }
        }
        return raw;
    }
}
