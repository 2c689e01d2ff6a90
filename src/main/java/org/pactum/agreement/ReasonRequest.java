package org.pactum.agreement;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why an agreement is being suspended or revoked; recorded in its history and the audit trail. */
public record ReasonRequest(@NotBlank @Size(max = 1000) String reason) {}
