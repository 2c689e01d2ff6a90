package org.pactum.partner;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Onboarding a partner system: a short name, unique within the organisation (the client id is
 * {@code <org>-<name>}).
 */
public record NewPartnerSystem(
        @NotNull
                @Pattern(
                        regexp = "[a-z0-9][a-z0-9-]{1,40}",
                        message = "must be 2-41 lower-case letters, digits or hyphens")
                String name,
        @Size(max = 300) String description) {}
