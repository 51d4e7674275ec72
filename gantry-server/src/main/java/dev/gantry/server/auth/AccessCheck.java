package dev.gantry.server.auth;

import dev.gantry.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Map;

/** Runs before every matched route: authenticates the caller and checks the route's scope. */
public final class AccessCheck {
  public static final String PRINCIPAL = "gantry.principal";

  private final Authenticator authenticator;

  public AccessCheck(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  public void check(Context ctx) {
    Scope required = Scope.READ;
    for (RouteRole role : ctx.routeRoles()) {
      if (role instanceof Scope s) {
        required = s;
      }
    }
    if (required == Scope.PUBLIC) {
      return;
    }
    Principal principal;
    try {
      principal = authenticator.authenticate(ctx.header("Authorization"));
    } catch (ApiException e) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"gantry\"");
      throw e;
    }
    if (!required.grantedBy(principal.scopes())) {
      throw new ApiException(
          403,
          "forbidden",
          "this route needs the '"
              + required.wireName()
              + "' scope; the caller '"
              + principal.name()
              + "' has "
              + (principal.scopes().isEmpty() ? "none" : String.join(", ", principal.scopes())),
          Map.of("required_scope", required.wireName()));
    }
    ctx.attribute(PRINCIPAL, principal);
  }
}
