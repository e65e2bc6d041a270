package org.selectorate.membership.organisation;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the organisation API. Codes are stable identifiers used in token area claims. */
final class OrganisationRequests {
    private static final String CODE = "[A-Za-z0-9][A-Za-z0-9_-]{0,39}";
    private static final String CODE_MESSAGE = "must be 1-40 letters, digits, '-' or '_'";

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

    private OrganisationRequests() {
    }
}
