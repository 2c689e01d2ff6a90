package org.pactum.release;

import org.pactum.problem.ProblemType;

/** Problem types of release; their URNs are part of the contract. */
public final class ReleaseProblems {

    public static final ProblemType FIELD_NOT_PERMITTED =
            new ProblemType(
                    403,
                    "field-not-permitted",
                    "The agreement does not permit this field or dimension");
    public static final ProblemType TABLE_TOO_LARGE =
            new ProblemType(
                    422,
                    "table-too-large",
                    "The table would be too large; use fewer dimensions or filters");

    public static final ProblemType POPULATION_TOO_SMALL =
            new ProblemType(
                    422,
                    "population-below-threshold",
                    "The population the query selects is below the disclosure threshold");
    public static final ProblemType TABLE_TOO_SPARSE =
            new ProblemType(
                    422,
                    "table-too-sparse",
                    "Too many of the table's cells would hold one or two records");
    public static final ProblemType BUDGET_SPENT =
            new ProblemType(
                    429,
                    "query-budget-spent",
                    "The recipient's query budget for this feed and window is spent");
    public static final ProblemType RECORD_RISK_TOO_HIGH =
            new ProblemType(
                    422,
                    "record-risk-too-high",
                    "The records cannot be released without suppressing more than the agreement allows");

    private ReleaseProblems() {}
}
