package org.pactum.platform;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Times a unit of work for operators' metrics, whether it returns or throws: {@code succeeded} gets
 * the result and the time taken, {@code failed} the time taken before the exception, which then
 * propagates unchanged.
 */
public final class Timing {

    private Timing() {}

    public static <T> T timed(
            Supplier<T> work, BiConsumer<T, Duration> succeeded, Consumer<Duration> failed) {
        long started = System.nanoTime();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            failed.accept(Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
        succeeded.accept(result, Duration.ofNanos(System.nanoTime() - started));
        return result;
    }
}
