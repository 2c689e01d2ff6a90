package org.pactum.disclosure;

/** Why a cell or total is not released. */
public enum Suppression {
    /** Released (possibly zero). */
    NONE,
    /** Below the threshold. */
    PRIMARY,
    /** Hidden so that a primary suppression cannot be recovered by subtraction. */
    SECONDARY
}
