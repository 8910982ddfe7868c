package io.mendian.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;

import org.junit.jupiter.api.Test;

import io.vertx.core.http.HttpClosedException;

class OutagesTest {

    @Test
    void aConnectionRefusedOrClosedMidExchangeIsAnOutageWhereverItIsWrapped() {
        assertTrue(Outages.unreachable(new IllegalStateException(new ConnectException("Connection refused"))));
        assertTrue(Outages.unreachable(
                new RuntimeException("pay call failed", new HttpClosedException("Connection was closed"))));
    }

    @Test
    void aFaultOfOurOwnIsNoOutage() {
        assertFalse(Outages.unreachable(new NullPointerException()));
        assertFalse(Outages.unreachable(new IllegalStateException("no such order")));
    }
}
