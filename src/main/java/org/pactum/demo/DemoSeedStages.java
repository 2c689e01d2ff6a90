package org.pactum.demo;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Which stages of the demo seeding have committed (table demo_seed_stage, V120). */
@ApplicationScoped
class DemoSeedStages {

    @Inject EntityManager em;

    @Transactional
    Optional<String> completed(String stage) {
        List<?> rows =
                em.createNativeQuery(
                                "SELECT coalesce(value, '') FROM demo_seed_stage WHERE stage = ?1")
                        .setParameter(1, stage)
                        .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of((String) rows.get(0));
    }

    /** Records a stage in the caller's transaction, so it commits with the stage's own work. */
    @Transactional(Transactional.TxType.MANDATORY)
    void complete(String stage, String value) {
        em.createNativeQuery("INSERT INTO demo_seed_stage (stage, value) VALUES (?1, ?2)")
                .setParameter(1, stage)
                .setParameter(2, value)
                .executeUpdate();
    }
}
