package org.pactum.disclosure;

import java.util.HashSet;
import java.util.Set;

/**
 * The finest cells a query can touch, as the database returns them: axis 0 is the month, the other
 * axes the query's variables (dimensions and filters). For a count of rows each entry holds the
 * count and hash sum of its rows (additive); for a count of distinct persons it holds the persons'
 * hashes, since one person may sit in several entries. Pure: no framework types.
 */
public final class Cube {

    private final int[] sizes;
    private final int[] strides;
    private final long[] count;
    private final long[] hashSum;
    private final Set<Long>[] persons;

    @SuppressWarnings("unchecked")
    private Cube(int[] sizes, boolean distinct) {
        this.sizes = sizes.clone();
        strides = new int[sizes.length];
        int s = 1;
        for (int i = sizes.length - 1; i >= 0; i--) {
            strides[i] = s;
            s = Math.multiplyExact(s, sizes[i]);
        }
        count = distinct ? null : new long[s];
        hashSum = distinct ? null : new long[s];
        persons = distinct ? new Set[s] : null;
    }

    /** A cube of row counts. */
    public static Cube rows(int... sizes) {
        return new Cube(sizes, false);
    }

    /** A cube of distinct persons. */
    public static Cube persons(int... sizes) {
        return new Cube(sizes, true);
    }

    /** Whether entries add up (rows); distinct persons do not. */
    public boolean additive() {
        return persons == null;
    }

    public int axes() {
        return sizes.length;
    }

    public int size(int axis) {
        return sizes[axis];
    }

    private int index(int[] at) {
        int id = 0;
        for (int i = 0; i < at.length; i++) {
            if (at[i] < 0 || at[i] >= sizes[i]) {
                throw new IndexOutOfBoundsException("coordinate " + i + " out of range");
            }
            id += at[i] * strides[i];
        }
        return id;
    }

    /** Adds rows to a row cube. */
    public void add(int[] at, long rows, long rowHashSum) {
        int id = index(at);
        count[id] += rows;
        hashSum[id] += rowHashSum;
    }

    /** Adds one person to a person cube. */
    public void addPerson(int[] at, long personHash) {
        int id = index(at);
        if (persons[id] == null) {
            persons[id] = new HashSet<>();
        }
        persons[id].add(personHash);
    }

    /** The record set of the entries selected on every axis ({@code selection[axis]}: indices). */
    public RecordSet sum(int[][] selection) {
        Set<Long> union = persons == null ? null : new HashSet<>();
        long c = 0;
        long h = 0;
        int[] pos = new int[sizes.length];
        for (int[] sel : selection) {
            if (sel.length == 0) {
                return RecordSet.EMPTY;
            }
        }
        while (true) {
            int id = 0;
            for (int i = 0; i < sizes.length; i++) {
                id += selection[i][pos[i]] * strides[i];
            }
            if (union == null) {
                c += count[id];
                h += hashSum[id];
            } else if (persons[id] != null) {
                union.addAll(persons[id]);
            }
            int i = sizes.length - 1;
            while (i >= 0 && ++pos[i] == selection[i].length) {
                pos[i] = 0;
                i--;
            }
            if (i < 0) {
                break;
            }
        }
        if (union != null) {
            for (long p : union) {
                h += p;
            }
            c = union.size();
        }
        return new RecordSet(c, h);
    }
}
