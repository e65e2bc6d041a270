package org.selectorate.membership.organisation;

import jakarta.validation.constraints.NotBlank;
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

    private OrganisationRequests() {
    }
}
