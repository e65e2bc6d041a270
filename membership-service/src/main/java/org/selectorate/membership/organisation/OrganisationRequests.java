package org.selectorate.membership.organisation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the organisation API. Codes are stable identifiers used in token area claims. */
final class OrganisationRequests {
    private static final String CODE = "[A-Za-z0-9][A-Za-z0-9_-]{0,39}";
    private static final String CODE_MESSAGE = "must be 1-40 letters, digits, '-' or '_'";
    private static final String USERNAME = "[A-Za-z0-9._@-]{1,255}";
    private static final String USERNAME_MESSAGE = "must be a username: 1-255 letters, digits, '.', '_', '@' or '-'";

    record NewRegion(@NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                     @NotBlank @Size(max = 200) String name) {
    }

    record NewConstituency(@NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                           @NotBlank @Size(max = 200) String name,
                           @NotBlank String region) {
    }

    record NewBranch(@NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                     @NotBlank @Size(max = 200) String name,
                     @NotBlank String constituency) {
    }

    record NewAffiliate(@NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                        @NotBlank @Size(max = 200) String name,
                        @NotBlank String constituency,
                        @NotNull @Pattern(regexp = "union|society", message = "must be union or society") String kind) {
    }

    /**
     * An affiliate's authorised officer, by the Keycloak username they sign in with (kept lower-case, as Keycloak
     * keeps usernames).
     */
    record NewOfficer(@NotBlank @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String username,
                      @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must be one line")
                      String name,
                      @NotBlank @Email @Size(max = 254) String email) {
    }

    private OrganisationRequests() {
    }
}
