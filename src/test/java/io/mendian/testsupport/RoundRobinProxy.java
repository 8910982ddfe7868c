package io.mendian.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntSupplier;

/**
 * What a Kubernetes Service does for several app instances, in a test: each TCP connection goes to the next
 * instance in turn, and to another one when that instance refuses (it is dead or restarting). Clients that open a
 * connection per request (REST Assured does) are spread across instances request by request. Requests for
 * {@code /sandbox/} go to the one instance that plays WeChat, as they would go to WeChat's own hosts.
 */
public final class RoundRobinProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<IntSupplier> backends;
    private final IntSupplier wechat;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLongArray served;

    public RoundRobinProxy(List<IntSupplier> backendPorts, IntSupplier wechatPort) throws IOException {
        this.backends = List.copyOf(backendPorts);
        this.wechat = wechatPort;
        this.served = new AtomicLongArray(backends.size());
        this.server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    /** How many connections each instance took (the WeChat routes not counted). */
    public String served() {
        return served.toString();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        byte[] head;
        try {
            head = requestLine(client.getInputStream());
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        List<IntSupplier> candidates =
                new String(head, StandardCharsets.US_ASCII).contains(" /sandbox/") ? List.of(wechat) : backends;
        Socket backend = null;
        int first = Math.floorMod(next.getAndIncrement(), candidates.size());
        for (int i = 0; i < candidates.size() && backend == null; i++) {
            int port = candidates.get((first + i) % candidates.size()).getAsInt();
            try {
                Socket s = new Socket();
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
                s.getOutputStream().write(head);
                backend = s;
                if (candidates == backends) {
                    served.incrementAndGet((first + i) % candidates.size());
                }
            } catch (IOException refused) {
                // that instance is down: the next one
            }
        }
        if (backend == null) {
            closeQuietly(client);
            return;
        }
        Socket upstream = backend;
        Thread.ofVirtual().start(() -> pipe(client, upstream));
        pipe(upstream, client);
    }

    /** The request line, read byte by byte so that nothing after it is consumed. */
    private static byte[] requestLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n' || line.size() > 8192) {
                break;
            }
        }
        return line.toByteArray();
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // one side closed or died
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    /**
     * Points RestAssured at a local port with one connection per request: the proxy spreads connections, not requests,
     * and a pooled connection to an instance that was killed would fail a request made after its restart.
     */
    public static void aimRestAssured(int port) {
        io.restassured.RestAssured.baseURI = "http://127.0.0.1";
        io.restassured.RestAssured.port = port;
        io.restassured.RestAssured.config = io.restassured.config.RestAssuredConfig.config()
                .connectionConfig(io.restassured.config.ConnectionConfig.connectionConfig()
                        .closeIdleConnectionsAfterEachResponse());
    }
}
