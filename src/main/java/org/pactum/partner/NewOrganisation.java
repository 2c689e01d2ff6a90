package org.pactum.partner;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Registering an organisation of the partnership. */
public record NewOrganisation(
        @NotNull
                @Pattern(
                        regexp = "[a-z0-9][a-z0-9-]{1,62}",
                        message = "must be 2-63 lower-case letters, digits or hyphens")
                String code,
        @NotBlank @Size(max = 200) String name,
        @NotNull OrganisationType type,
        @NotNull @Size(min = 1, max = 50)
                List<
                                @NotNull
                                @Pattern(
                                        regexp = "[EW]\\d{8}",
                                        message = "must be an ONS area code such as E08000027")
                                String>
                        areas) {}
