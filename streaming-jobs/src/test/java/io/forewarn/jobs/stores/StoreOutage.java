package io.forewarn.jobs.stores;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP pass-through between a client and a real server that can take the server away: {@link #refuse()} closes the
 * port (connections are refused, open ones reset), {@link #blackhole()} accepts connections and swallows what is
 * sent without an answer (the client times out, as behind a dead network link), {@link #restore()} forwards again.
 * The server itself stays up; only the way to it goes.
 */
public final class StoreOutage implements AutoCloseable {
    private enum State { FORWARDING, BLACKHOLE, REFUSING, CLOSED }

    private final int upstreamPort;
    private final int port;
    private final List<Socket> open = new ArrayList<>();
    private State state = State.FORWARDING;
    private ServerSocket listener;

    private StoreOutage(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    /** A pass-through on a free local port to {@code 127.0.0.1:upstreamPort}, forwarding. */
    public static StoreOutage to(int upstreamPort) throws IOException {
        return new StoreOutage(upstreamPort);
    }

    public int port() {
        return port;
    }

    /** The server's port is closed: new connections are refused and open ones reset. */
    public synchronized void refuse() throws IOException {
        state = State.REFUSING;
        listener.close();
        dropConnections();
    }

    /** Connections are accepted and open ones kept, but nothing reaches the server and nothing comes back. */
    public synchronized void blackhole() throws IOException {
        ensureListening();
        state = State.BLACKHOLE;
    }

    /** Forwards again. Connections that lived through the outage are reset: what they carried is lost, as it would be. */
    public synchronized void restore() throws IOException {
        ensureListening();
        dropConnections();
        state = State.FORWARDING;
    }

    @Override
    public synchronized void close() throws IOException {
        state = State.CLOSED;
        listener.close();
        dropConnections();
    }

    private void ensureListening() throws IOException {
        if (listener.isClosed()) {
            listener = bind(port);
            startAccepting(listener);
        }
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true); // the port comes back at once after refuse()
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void startAccepting(ServerSocket socket) {
        Thread accepting = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    accepted(socket.accept());
                } catch (IOException closed) {
                    return;
                }
            }
        }, "store-outage-accept-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    private synchronized void accepted(Socket client) throws IOException {
        open.add(client);
        if (state != State.FORWARDING) {
            pump(client.getInputStream(), OutputStream.nullOutputStream(), client, client);
            return;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        open.add(server);
        pump(client.getInputStream(), server.getOutputStream(), client, server);
        pump(server.getInputStream(), client.getOutputStream(), server, client);
    }

    /** Copies one direction while forwarding; during an outage reads and drops, so the sender sees no closed socket. */
    private void pump(InputStream from, OutputStream to, Socket source, Socket target) {
        Thread pumping = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    if (forwarding()) {
                        to.write(buffer, 0, n);
                        to.flush();
                    }
                }
            } catch (IOException ignored) {
                // a reset connection ends its pump
            } finally {
                closeQuietly(source);
                closeQuietly(target);
            }
        }, "store-outage-pump-" + port);
        pumping.setDaemon(true);
        pumping.start();
    }

    private synchronized boolean forwarding() {
        return state == State.FORWARDING;
    }

    private void dropConnections() {
        open.forEach(StoreOutage::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }
}
