package dev.gantry.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A container-engine address that accepts connections and never answers: a server whose {@code
 * runtime.docker_host} points here accepts executions, but none of their steps ever gets a
 * container — they wait (up to the runtime's 120 s response timeout) for the engine. Used by B6 to
 * hold executions in the server without starting 1,000 containers.
 */
final class SilentEngine implements AutoCloseable {
  private final ServerSocket socket;
  private final List<Socket> held = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  SilentEngine() throws IOException {
    socket = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
    acceptor =
        Thread.ofVirtual()
            .name("silent-engine")
            .start(
                () -> {
                  while (!socket.isClosed()) {
                    try {
                      held.add(socket.accept());
                    } catch (IOException e) {
                      return; // closed
                    }
                  }
                });
  }

  /** The {@code docker_host} value: {@code tcp://127.0.0.1:PORT}. */
  String dockerHost() {
    return "tcp://127.0.0.1:" + socket.getLocalPort();
  }

  /** Connections the engine's clients opened and that are held unanswered. */
  int connections() {
    return held.size();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    socket.close();
    acceptor.join();
    for (Socket s : held) {
      s.close();
    }
  }
}
