package org.pactum.ingest;

import java.math.BigInteger;
import java.sql.SQLException;

/**
 * Row counts and record-hash sums by a cell key packed into a long: an open-addressing table of
 * primitive arrays (about 24 bytes a slot), so adding up a million rows allocates nothing per row.
 * A sum is kept in 96 bits (a long and an int of carries): a cell of up to 2^31 rows of 64-bit
 * hashes cannot overflow it. Refuses a cell beyond {@code maxCells}, so its memory stays bounded.
 */
final class CellSums {

    private static final int FIRST_CAPACITY = 1 << 10;

    private final int maxCells;
    private long[] keys;
    private int[] rows;
    private long[] low;
    private int[] high;
    private int size;

    CellSums(int maxCells) {
        this.maxCells = maxCells;
        allocate(FIRST_CAPACITY);
    }

    int size() {
        return size;
    }

    /** Adds one row's hash to its cell; false if that would make more than maxCells cells. */
    boolean add(long key, long hash) {
        return add(key, 1, hash, hash >> 63);
    }

    /**
     * Adds {@code count} rows whose hashes sum to {@code high * 2^64 + unsigned(low)}; false if
     * that would make more than maxCells cells.
     */
    boolean add(long key, int count, long addLow, long addHigh) {
        int at = slot(key);
        if (rows[at] == 0) {
            if (size == maxCells) {
                return false;
            }
            keys[at] = key;
            size++;
        }
        rows[at] += count;
        long before = low[at];
        low[at] = before + addLow;
        high[at] += (int) (addHigh + (Long.compareUnsigned(low[at], before) < 0 ? 1 : 0));
        if (size * 2L > keys.length) {
            allocate(keys.length * 2);
        }
        return true;
    }

    /** Visits every cell; stops at the first the visitor cannot take. */
    void forEach(Cell visitor) throws SQLException {
        for (int i = 0; i < keys.length; i++) {
            if (rows[i] != 0) {
                visitor.accept(keys[i], rows[i], low[i], high[i]);
            }
        }
    }

    /** A cell's sum as a number: {@code high * 2^64 + unsigned(low)}. */
    static BigInteger sum(long low, int high) {
        return BigInteger.valueOf(high)
                .shiftLeft(64)
                .add(new BigInteger(Long.toUnsignedString(low)));
    }

    /** One cell: its key, rows, and the two parts of its hash sum (written on as it is visited). */
    interface Cell {
        void accept(long key, int rows, long low, int high) throws SQLException;
    }

    private int slot(long key) {
        int mask = keys.length - 1;
        long mixed = key * 0x9E3779B97F4A7C15L;
        int at = (int) (mixed ^ (mixed >>> 32)) & mask;
        while (rows[at] != 0 && keys[at] != key) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private void allocate(int capacity) {
        long[] oldKeys = keys;
        int[] oldRows = rows;
        long[] oldLow = low;
        int[] oldHigh = high;
        keys = new long[capacity];
        rows = new int[capacity];
        low = new long[capacity];
        high = new int[capacity];
        if (oldKeys == null) {
            return;
        }
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldRows[i] != 0) {
                int at = slot(oldKeys[i]);
                keys[at] = oldKeys[i];
                rows[at] = oldRows[i];
                low[at] = oldLow[i];
                high[at] = oldHigh[i];
            }
        }
    }
}
