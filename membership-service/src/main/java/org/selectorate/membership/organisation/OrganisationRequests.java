package org.selectorate.membership.organisation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the organisation API. Codes are stable identifiers used in token area claims. */
final class OrganisationRequests {
    private static final String CODE = "[A-Za-z0-9][A-Za-z0-9_-]{0,39}";
    private static final String CODE_MESSAGE = "must be 1-40 letters, digits, '-' or '_'";
    private static final String USERNAME = "[A-Za-z0-9._@-]{1,255}";
    private static final String USERNAME_MESSAGE = "must be a username: 1-255 letters, digits, '.', '_', '@' or '-'";

    record NewRegion(@Schema(example = "NW") @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE) String code,
                     @Schema(example = "North West") @NotBlank @Size(max = 200) String name) {
    }

    record NewConstituency(@Schema(example = "NW-001") @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE)
                           String code,
                           @Schema(example = "Demo Constituency") @NotBlank @Size(max = 200) String name,
                           @Schema(example = "NW") @NotBlank String region) {
    }

    record NewBranch(@Schema(example = "NW-001-B1") @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE)
                     String code,
                     @Schema(example = "Branch 1") @NotBlank @Size(max = 200) String name,
                     @Schema(example = "NW-001") @NotBlank String constituency) {
    }

    record NewAffiliate(@Schema(example = "NW-001-UNITE") @NotBlank @Pattern(regexp = CODE, message = CODE_MESSAGE)
                        String code,
                        @Schema(example = "Unite North West") @NotBlank @Size(max = 200) String name,
                        @Schema(example = "NW-001") @NotBlank String constituency,
                        @Schema(example = "union")
                        @NotNull @Pattern(regexp = "union|society", message = "must be union or society") String kind) {
    }

    /**
     * An affiliate's authorised officer, by the Keycloak username they sign in with (kept lower-case, as Keycloak
     * keeps usernames).
     */
    record NewOfficer(@Schema(example = "unite-chair")
                      @NotBlank @Pattern(regexp = USERNAME, message = USERNAME_MESSAGE) String username,
                      @Schema(example = "Unite Chair")
                      @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\x00-\\x1F\\x7F]*", message = "must be one line")
                      String name,
                      @Schema(example = "unite-chair@example.org") @NotBlank @Email @Size(max = 254) String email) {
    }

    private OrganisationRequests() {
    }
}
