package org.pactum.feed;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.pactum.partner.OrganisationType;

/**
 * An administrator registering a feed, or a new version of one: the same code again makes the next
 * version, which later pushes are checked against.
 */
public record NewFeed(
        @NotNull
                @Pattern(
                        regexp = "[a-z0-9][a-z0-9-]{1,62}",
                        message = "must be 2-63 lower-case letters, digits or hyphens")
                String code,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 2000) String description,
        @NotNull OrganisationType providerType,
        boolean aggregateOnly,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid Field> fields) {

    /** One field, as in {@link FeedField}. */
    public record Field(
            @NotNull
                    @Pattern(
                            regexp = "[a-z][a-z0-9_]{0,62}",
                            message = "must be lower-case letters, digits and underscores")
                    String name,
            @NotNull FieldType type,
            @NotNull Classification classification,
            @NotNull FieldRole role,
            boolean required,
            List<@NotBlank @Size(max = 64) String> codes,
            Integer min,
            Integer max,
            @Size(max = 200) String pattern,
            @Size(max = 500) String description,
            @Pattern(
                            regexp = "[a-z0-9-]{1,40}",
                            message = "must be a short scheme name such as upn")
                    String idScheme) {

        FeedField toField() {
            return new FeedField(
                    name,
                    type,
                    classification,
                    role,
                    required,
                    codes == null || codes.isEmpty() ? null : List.copyOf(codes),
                    min,
                    max,
                    pattern,
                    description == null ? "" : description,
                    idScheme);
        }
    }
}
