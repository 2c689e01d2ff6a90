package org.pactum.subject;

import org.pactum.problem.ProblemType;

/** Problem types of data subject requests; their URNs are part of the contract. */
public final class SubjectProblems {

    public static final ProblemType NOT_THE_PERSON =
            new ProblemType(
                    422,
                    "rows-not-about-the-person",
                    "A correction may only hold rows about the request's person; nothing was changed");

    private SubjectProblems() {}
}
