package dev.gantry.cache;

import dev.gantry.internal.Json;
import dev.gantry.internal.Maps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a step's result depends on, and the step cache key made of it: the sha256 of its
 * canonical JSON (object keys sorted, lists in order). Secret values never enter it, only their
 * HMAC ({@link dev.gantry.secret.SecretHmac}).
 *
 * @param imageId the resolved image id or digest, not the tag
 * @param argv the command as run
 * @param env the step's environment without its secrets
 * @param secrets secret name to the HMAC of its value
 * @param outputs the declared outputs
 * @param inputs the artifacts extracted into the container, in extraction order
 * @param salt the configured and the step's cache salts
 */
public record StepCacheKey(
    String imageId,
    List<String> argv,
    Map<String, String> env,
    Map<String, String> secrets,
    String workdir,
    String user,
    List<String> outputs,
    List<Input> inputs,
    String salt) {
  /** Changes when the key's composition changes, so that old entries stop matching. */
  static final String FORMAT = "gantry-step-cache/1";

  /** An input artifact: the declared output path it holds and its content digest. */
  public record Input(String path, String digest) {}

  public StepCacheKey {
    Objects.requireNonNull(imageId, "imageId");
    argv = List.copyOf(argv);
    env = Maps.copy(env);
    secrets = Maps.copy(secrets);
    outputs = Maps.list(outputs);
    inputs = Maps.list(inputs);
    salt = salt == null ? "" : salt;
  }

  /** The canonical JSON the key hashes. */
  public String canonicalJson() {
    Map<String, Object> map = new TreeMap<>();
    map.put("format", FORMAT);
    map.put("image_id", imageId);
    map.put("argv", argv);
    map.put("env", new TreeMap<>(env));
    map.put("secrets", new TreeMap<>(secrets));
    map.put("workdir", workdir);
    map.put("user", user);
    map.put("outputs", outputs);
    List<Map<String, Object>> in = new ArrayList<>();
    for (Input input : inputs) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("digest", input.digest());
      entry.put("path", input.path());
      in.add(entry);
    }
    map.put("inputs", in);
    map.put("salt", salt);
    return Json.write(map);
  }

  /** The key: 64 lowercase hex digits of the sha256 of {@link #canonicalJson()}. */
  public String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(canonicalJson().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
