package io.mendian.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.mendian.devrun.LocalStack;

/** What every benchmark does to set itself up: sign brands up, log their admins in, call the API. */
final class BenchClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final LocalStack stack;

    /** A provisioned brand and its first admin. */
    record Brand(String slug, String email, String password, String appid) {}

    BenchClient(LocalStack stack) {
        this.stack = stack;
    }

    /** Signs a brand up through the public API and waits until it is active. */
    Brand signUp(String prefix, String industry, String plan) throws Exception {
        String slug = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        String email = "owner@" + slug + ".example";
        String id = send(
                        "POST",
                        "/api/signup",
                        null,
                        Map.of(
                                "brandName",
                                "Bench " + slug,
                                "slug",
                                slug,
                                "adminEmail",
                                email,
                                "industry",
                                industry,
                                "plan",
                                plan))
                .path("id")
                .asText();
        while (true) {
            Thread.sleep(50);
            JsonNode state = send("GET", "/api/signup/" + id, null, null);
            switch (state.path("status").asText()) {
                case "SUCCEEDED" -> {
                    JsonNode result = state.path("result");
                    return new Brand(
                            slug,
                            email,
                            result.path("initialPassword").asText(),
                            result.path("appid").asText());
                }
                case "FAILED" -> throw new IllegalStateException("signup failed: " + state);
                default -> {}
            }
        }
    }

    String token(Brand brand) throws Exception {
        return stack.token(brand.email(), brand.password());
    }

    /** Calls the API (with a fresh Idempotency-Key when there is a body) and fails on any non-2xx answer. */
    JsonNode send(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.api() + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .header("Idempotency-Key", "bench-" + UUID.randomUUID())
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(
                    method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The p-th percentile (nearest rank). */
    static <T extends Comparable<T>> T percentile(List<T> values, int p) {
        List<T> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Throughput and latency percentiles of one timed phase. */
    record Rate(double perSecond, double p50Millis, double p99Millis, long errors) {}

    /** Lets the client threads run for the duration, stops them, and sums up what they recorded. */
    static Rate collect(
            AtomicBoolean running, List<Thread> threads, List<List<Double>> latencies, AtomicLong errors, int duration)
            throws InterruptedException {
        long start = System.nanoTime();
        Thread.sleep(duration * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Double> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        if (all.isEmpty()) {
            return new Rate(0, 0, 0, errors.get());
        }
        return new Rate(all.size() / elapsed, percentile(all, 50), percentile(all, 99), errors.get());
    }

    /** One burst: how fast it went, its latency percentiles and how many answers of each status. */
    record Burst(double perSecond, double p50, double p99, Map<Integer, Integer> statuses) {}

    /** {@code attempts} requests from {@code threads} platform threads, as fast as the app answers them. */
    static Burst burst(int threads, int attempts, java.util.function.IntFunction<HttpRequest> request)
            throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            Thread.ofPlatform().start(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < attempts; i = next.getAndIncrement()) {
                        long began = System.nanoTime();
                        int status = HTTP.send(request.apply(i), HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        latencies.add((System.nanoTime() - began) / 1e6);
                        statuses.merge(status, 1, Integer::sum);
                    }
                } catch (Exception e) {
                    statuses.merge(-1, 1, Integer::sum);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        return new Burst(
                attempts / elapsed,
                percentile(latencies, 50),
                percentile(latencies, 99),
                new java.util.TreeMap<>(statuses));
    }
}
