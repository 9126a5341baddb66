package io.atsbridge.platform.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a local port to a real server, for tests that need that server to become unreachable
 * and come back: {@link #cut()} closes the listening socket and every relayed connection (new
 * connections are refused, open ones see their socket closed, exactly as in a network outage), and
 * {@link #restore()} listens on the same port again. Bytes pass through unchanged.
 */
public final class TcpRelay implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;

    private TcpRelay(InetSocketAddress target, int port) {
        this.target = target;
        this.port = port;
    }

    /** A relay on a free local port to the target, already listening. */
    public static TcpRelay to(InetSocketAddress target) {
        TcpRelay relay = new TcpRelay(target, TestPorts.free());
        relay.restore();
        return relay;
    }

    /** The local port the relay listens on. */
    public int port() {
        return port;
    }

    /** Stops listening and closes every relayed connection: the target is unreachable through the relay. */
    public synchronized void cut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        sockets.forEach(TcpRelay::closeQuietly);
        sockets.clear();
    }

    /** Listens again on the same port: the target is reachable through the relay. */
    public synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            thread("tcp-relay-accept-" + port, () -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + " again", e);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Socket server = new Socket();
                sockets.add(client);
                sockets.add(server);
                try {
                    server.connect(target, CONNECT_TIMEOUT_MILLIS);
                } catch (IOException e) {
                    closeQuietly(client);
                    closeQuietly(server);
                    continue;
                }
                thread("tcp-relay-up-" + port, () -> pump(client, server));
                thread("tcp-relay-down-" + port, () -> pump(server, client));
            } catch (IOException e) {
                // The listener was closed by cut(): stop accepting.
                return;
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // Either side closed: the relayed connection is over.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private static void thread(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing is all that is wanted; a failure to close changes nothing for the test.
        }
    }
}
