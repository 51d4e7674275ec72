package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.InvalidInputException;
import dev.gantry.config.ServerConfig;
import dev.gantry.server.auth.Authenticator;
import dev.gantry.server.auth.Principal;
import dev.gantry.server.auth.Scope;
import dev.gantry.server.http.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {
  static final ServerConfig CONFIG =
      new ServerConfig(
          "127.0.0.1",
          0,
          List.of(
              new ServerConfig.Token("ci", Authenticator.hash("s3cret-token"), Set.of("write"))),
          TestServer.SECRET);

  @Test
  void tokensAreMatchedByTheirHash() {
    Principal p = new Authenticator(CONFIG).authenticate("Bearer s3cret-token");
    assertThat(p.name()).isEqualTo("ci");
    assertThat(p.scopes()).containsExactly("write");
    assertThat(Authenticator.hash("test"))
        .isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
  }

  @Test
  void badCredentialsAre401WithoutTheToken() {
    Authenticator auth = new Authenticator(CONFIG);
    for (String header :
        new String[] {null, "", "Basic abc", "Bearer wrong-token", "Bearer a.b.c"}) {
      assertThatThrownBy(() -> auth.authenticate(header))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401))
          .message()
          .doesNotContain("wrong-token");
    }
    String expired = TestServer.jwt("read", Instant.now().minusSeconds(60));
    assertThatThrownBy(() -> auth.authenticate("Bearer " + expired))
        .isInstanceOf(ApiException.class);
  }

  @Test
  void jwtScopesComeFromTheScopeClaim() {
    Principal p =
        new Authenticator(CONFIG)
            .authenticate("Bearer " + TestServer.jwt("read admin", Instant.now().plusSeconds(60)));
    assertThat(p.scopes()).containsExactlyInAnyOrder("read", "admin");
    assertThat(p.name()).isEqualTo("jwt:tester");
  }

  @Test
  void scopesIncludeTheLowerOnes() {
    assertThat(Scope.READ.grantedBy(Set.of("write"))).isTrue();
    assertThat(Scope.WRITE.grantedBy(Set.of("admin"))).isTrue();
    assertThat(Scope.ADMIN.grantedBy(Set.of("write"))).isFalse();
    assertThat(Scope.READ.grantedBy(Set.of())).isFalse();
    assertThat(Scope.PUBLIC.grantedBy(Set.of())).isTrue();
  }

  @Test
  void withoutAuthOnlyLoopbackIsServed() {
    assertThatThrownBy(
            () -> GantryServer.checkBind(new ServerConfig("0.0.0.0", 0, List.of(), null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("refusing to serve on 0.0.0.0 without authentication");
    GantryServer.checkBind(new ServerConfig("127.0.0.1", 0, List.of(), null));
    GantryServer.checkBind(new ServerConfig("localhost", 0, List.of(), null));
    GantryServer.checkBind(CONFIG.withAddress("0.0.0.0", 0));
  }
}
