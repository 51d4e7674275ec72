package dev.gantry.docker;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.gantry.runtime.LogTail;
import java.util.List;

/** Follows a container's stdout and stderr into two bounded, redacted tails. */
final class LogCollector extends StreamCallback<Frame> {
  private final LogTail stdout;
  private final LogTail stderr;

  LogCollector(int maxBytes, List<String> redactions) {
    stdout = new LogTail(maxBytes, redactions);
    stderr = new LogTail(maxBytes, redactions);
  }

  @Override
  public void onNext(Frame frame) {
    byte[] payload = frame.getPayload();
    if (payload == null || payload.length == 0) {
      return;
    }
    if (frame.getStreamType() == StreamType.STDERR) {
      stderr.append(payload);
    } else {
      stdout.append(payload);
    }
  }

  String stdout() {
    return stdout.text();
  }

  String stderr() {
    return stderr.text();
  }
}
