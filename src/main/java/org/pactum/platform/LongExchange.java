package org.pactum.platform;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint whose exchange holds a pooled database connection while it waits on the client
 * (reading an upload, streaming an extract). {@link CallerLimits} bounds how many run at once, per
 * client and in all, so they can never take the connections releases and readiness need.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LongExchange {

    Kind value();

    enum Kind {
        UPLOAD,
        EXTRACT
    }
}
