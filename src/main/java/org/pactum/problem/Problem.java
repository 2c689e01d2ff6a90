package org.pactum.problem;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** An RFC 9457 problem document. Extension members are flattened beside the standard ones. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        @JsonIgnore Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(
            ProblemType type, String detail, String instance, Map<String, Object> extensions) {
        return new Problem(
                type.type(),
                type.title(),
                type.status(),
                detail,
                instance,
                new LinkedHashMap<>(extensions));
    }

    @JsonAnyGetter
    public Map<String, Object> any() {
        return extensions;
    }
}
