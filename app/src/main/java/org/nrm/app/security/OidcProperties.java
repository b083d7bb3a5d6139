package org.nrm.app.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Which claims of an OpenID Connect access token name the user, their agency and their role. */
@ConfigurationProperties("nrm.security.oidc")
public record OidcProperties(@DefaultValue("preferred_username") String userClaim,
                             @DefaultValue("agency") String agencyClaim,
                             @DefaultValue("nrm_role") String roleClaim) {
}
