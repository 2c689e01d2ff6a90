package org.pactum.ingest;

/**
 * The body cannot be read any further (a row over the length limit, broken encoding): stop at once.
 */
class FatalBodyException extends RuntimeException {

    final long line;

    FatalBodyException(long line, String message) {
        super(message, null, false, false);
        this.line = line;
    }
}
