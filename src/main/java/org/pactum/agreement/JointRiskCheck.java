package org.pactum.agreement;

import java.util.List;

/**
 * The joint risk of two RECORD agreements releasing the same feed to the same recipient (issue 15):
 * the k test applied to the union of their released quasi-identifiers, over the rows both would
 * release. Release implements it (it owns the SQL); the agreement lifecycle asks it before a second
 * such agreement becomes ACTIVE.
 */
public interface JointRiskCheck {

    /**
     * @param passed whether the combination is within the stricter suppression share of the two
     * @param kAchieved the smallest equivalence class of the combination; null if no rows
     */
    record Result(
            boolean passed,
            int k,
            Long kAchieved,
            long records,
            long valuesSuppressed,
            double suppressedShare,
            List<String> quasiIdentifiers) {}

    Result check(
            String feed,
            String id,
            AgreementContent content,
            String otherId,
            AgreementContent other);
}
