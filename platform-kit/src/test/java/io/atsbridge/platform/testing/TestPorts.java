package io.atsbridge.platform.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free ports for the servers tests start, taken in [20000, 32000): below Linux's ephemeral range
 * (32768–60999), so an outgoing connection of this or another process cannot take the port between the
 * check and the server's bind, as it can with Micronaut's {@code ${random.port}} (seen: "Address already in
 * use" for a port the check had found free).
 */
public final class TestPorts {

    private static final int LOW_PORT = 20_000;
    private static final int HIGH_PORT = 32_000;

    private TestPorts() {
    }

    /** A port nothing listens on now, on any address. */
    public static int free() {
        for (int tries = 0; tries < 200; tries++) {
            int port = LOW_PORT + ThreadLocalRandom.current().nextInt(HIGH_PORT - LOW_PORT);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException taken) {
                // Try another.
            }
        }
        throw new UncheckedIOException(new IOException("no free port between " + LOW_PORT + " and " + HIGH_PORT + " after 200 tries"));
    }

    /** {@link #free()} as a configuration value. */
    public static String freeText() {
        return Integer.toString(free());
    }
}
