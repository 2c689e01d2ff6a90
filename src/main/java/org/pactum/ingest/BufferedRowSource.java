package org.pactum.ingest;

import java.io.IOException;
import java.io.Reader;

/** What both body formats share: a buffered character stream and the current row's state. */
abstract class BufferedRowSource implements RowSource {

    private final Reader in;

    /** The characters read ahead: {@code buf[pos, len)} are not consumed yet. */
    protected final char[] buf = new char[1 << 16];

    protected int pos;
    protected int len;

    protected String[] values;
    protected long line;
    protected String shapeProblem;

    BufferedRowSource(Reader in) {
        this.in = in;
    }

    /** The next character, or -1 at the end of the body. */
    protected final int read() throws IOException {
        if (pos == len) {
            len = in.read(buf, 0, buf.length);
            pos = 0;
            if (len <= 0) {
                len = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    /**
     * Steps back over the character just read (always possible: read() never discards it first).
     */
    protected final void unread() {
        pos--;
    }

    @Override
    public String[] values() {
        return values;
    }

    @Override
    public long line() {
        return line;
    }

    @Override
    public String shapeProblem() {
        return shapeProblem;
    }
}
