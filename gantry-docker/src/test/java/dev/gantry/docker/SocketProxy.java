package dev.gantry.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on 127.0.0.1 to the Docker engine's Unix socket, for tests that make the engine
 * unreachable and reachable again: {@link #stop()} closes the port and every open connection,
 * {@link #start()} listens on the same port again.
 */
final class SocketProxy implements AutoCloseable {
  private final SocketAddress target;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile ServerSocketChannel server;
  private int port;

  SocketProxy(String unixSocket) {
    this.target = UnixDomainSocketAddress.of(unixSocket);
  }

  /** A proxy to the engine of {@code DOCKER_HOST} when it is a Unix socket, else the default. */
  static SocketProxy toLocalEngine() {
    String uri = DockerHost.fromEnvironment().uri();
    String socket =
        uri.startsWith("unix://") ? uri.substring("unix://".length()) : "/var/run/docker.sock";
    return new SocketProxy(socket);
  }

  /** The address to give as a Docker host. */
  String uri() {
    return "tcp://127.0.0.1:" + port;
  }

  synchronized void start() throws IOException {
    ServerSocketChannel s = ServerSocketChannel.open();
    s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
    s.bind(new InetSocketAddress("127.0.0.1", port));
    port = ((InetSocketAddress) s.getLocalAddress()).getPort();
    server = s;
    Thread.ofVirtual().name("proxy-accept-" + port).start(() -> accept(s));
  }

  /** Closes the listening port and every connection: the engine is unreachable through it. */
  synchronized void stop() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
    for (SocketChannel c : open) {
      c.close();
    }
    open.clear();
  }

  private void accept(ServerSocketChannel s) {
    while (s.isOpen()) {
      try {
        SocketChannel client = s.accept();
        SocketChannel engine = SocketChannel.open(target);
        open.add(client);
        open.add(engine);
        Thread.ofVirtual().start(() -> pump(client, engine));
        Thread.ofVirtual().start(() -> pump(engine, client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
    } catch (IOException e) {
      // closed by stop() or by the other side
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(SocketChannel c) {
    open.remove(c);
    try {
      c.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
