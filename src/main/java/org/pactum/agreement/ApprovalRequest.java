package org.pactum.agreement;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** An IG lead's approval of the exact version proposed: both must match the current proposal. */
public record ApprovalRequest(
        @NotNull Integer version,
        @NotNull
                @Pattern(
                        regexp = "[0-9a-f]{64}",
                        message = "must be the 64-hex contentHash shown on the agreement")
                String contentHash) {}
