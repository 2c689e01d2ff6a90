package org.pactum.agreement;

import org.pactum.problem.ProblemType;

/** Problem types of the agreement feature; their URNs are part of the contract. */
public final class AgreementProblems {

    public static final ProblemType INVALID =
            new ProblemType(
                    422, "agreement-invalid", "The agreement breaks one or more rules; see errors");
    public static final ProblemType NOT_A_PARTY =
            new ProblemType(
                    403, "not-a-party", "Your organisation is not a party to this agreement");
    public static final ProblemType WRONG_STATE =
            new ProblemType(409, "agreement-state", "The agreement's status does not allow this");
    public static final ProblemType STALE_APPROVAL =
            new ProblemType(
                    409,
                    "stale-approval",
                    "The approval names a version or content hash that is not the one proposed");
    public static final ProblemType NOT_PERMITTED =
            new ProblemType(403, "agreement-does-not-permit", "The agreement does not permit this");
    public static final ProblemType NO_COVERING_AGREEMENT =
            new ProblemType(
                    409,
                    "no-covering-agreement",
                    "No ACTIVE agreement covers your organisation providing this feed");

    public static final ProblemType JOINT_RISK_CHECK_REQUIRED =
            new ProblemType(
                    409,
                    "joint-risk-check-required",
                    "The recipient already receives records of this feed under another agreement");
    public static final ProblemType JOINT_RISK_TOO_HIGH =
            new ProblemType(
                    422,
                    "joint-risk-too-high",
                    "Together with another agreement, this one would let records be singled out");

    private AgreementProblems() {}
}
