package org.pactum.problem;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads typed request parameters strictly, and names the parameter when one cannot be read. JAX-RS
 * answers an unreadable query or path parameter with a bare 404 and reads {@code reviewDue=maybe}
 * as false; here every such value is a 400 problem naming the parameter and its format (mapped by
 * {@link ProblemMapper}), and the value itself is never repeated.
 */
@Provider
public class TypedParameters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(
            Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = name(annotations);
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) converter(name, "must be a whole number", Long::valueOf);
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>)
                    converter(name, "must be true or false", TypedParameters::bool);
        }
        if (rawType == Instant.class) {
            return (ParamConverter<T>)
                    converter(
                            name,
                            "must be an ISO 8601 instant such as 2025-01-31T00:00:00Z",
                            Instant::parse);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>)
                    converter(name, "must be a date as YYYY-MM-DD", LocalDate::parse);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String allowed =
                    Arrays.stream(type.getEnumConstants())
                            .map(Enum::name)
                            .collect(Collectors.joining(", "));
            return (ParamConverter<T>)
                    converter(
                            name,
                            "must be one of " + allowed,
                            v -> Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT)));
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(
            String name, String reason, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                if (value == null) {
                    return null;
                }
                try {
                    return parse.apply(value.trim());
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    throw new InvalidParameterException(name, reason);
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }

    private static Boolean bool(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        };
    }

    private static String name(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof QueryParam q) {
                    return q.value();
                }
                if (a instanceof PathParam p) {
                    return p.value();
                }
                if (a instanceof HeaderParam h) {
                    return h.value();
                }
                if (a instanceof FormParam f) {
                    return f.value();
                }
                if (a instanceof CookieParam c) {
                    return c.value();
                }
            }
        }
        return "a parameter";
    }
}
