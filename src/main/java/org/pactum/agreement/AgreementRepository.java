package org.pactum.agreement;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class AgreementRepository implements PanacheRepositoryBase<Agreement, String> {

    @Inject EntityManager em;

    /** Locks the agreement row: lifecycle changes to one agreement happen one at a time. */
    /**
     * Takes a share lock on the agreements until the transaction ends: they may be read and held by
     * other pushes, but not suspended or revoked until then.
     */
    public void holdUntilCommit(Collection<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        em.createNativeQuery("SELECT id FROM agreement WHERE id IN (:ids) ORDER BY id FOR SHARE")
                .setParameter("ids", List.copyOf(ids))
                .getResultList();
    }

    public Optional<Agreement> lock(String id) {
        return Optional.ofNullable(em.find(Agreement.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public AgreementVersion version(String id, int version) {
        AgreementVersion.Key key = new AgreementVersion.Key();
        key.agreementId = id;
        key.version = version;
        return em.find(AgreementVersion.class, key);
    }

    public List<AgreementVersion> versions(String id) {
        return em.createQuery(
                        "from AgreementVersion where agreementId = ?1 order by version",
                        AgreementVersion.class)
                .setParameter(1, id)
                .getResultList();
    }

    public List<AgreementApproval> approvals(String id) {
        return em.createQuery(
                        "from AgreementApproval where agreementId = ?1 order by version, approvedAt",
                        AgreementApproval.class)
                .setParameter(1, id)
                .getResultList();
    }

    public List<AgreementApproval> approvals(String id, int version) {
        return em.createQuery(
                        "from AgreementApproval where agreementId = ?1 and version = ?2",
                        AgreementApproval.class)
                .setParameter(1, id)
                .setParameter(2, version)
                .getResultList();
    }

    public List<AgreementEvent> events(String id) {
        return em.createQuery(
                        "from AgreementEvent where agreementId = ?1 order by id",
                        AgreementEvent.class)
                .setParameter(1, id)
                .getResultList();
    }

    /**
     * Agreements visible to an organisation: where it is a party (IG lead), or a recipient
     * (analyst); null organisation means all (administrator).
     */
    @SuppressWarnings("unchecked")
    public List<Agreement> visible(
            String organisation,
            boolean recipientOnly,
            AgreementStatus status,
            boolean reviewDue,
            LocalDate today) {
        StringBuilder sql = new StringBuilder("SELECT * FROM agreement WHERE true");
        if (organisation != null) {
            sql.append(
                    recipientOnly
                            ? " AND recipients @> ARRAY[:org]::text[]"
                            : " AND parties @> ARRAY[:org]::text[]");
        }
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (reviewDue) {
            sql.append(" AND review_date <= :today AND status NOT IN ('EXPIRED', 'REVOKED')");
        }
        sql.append(" ORDER BY created_at, id");
        var query = em.createNativeQuery(sql.toString(), Agreement.class);
        if (organisation != null) {
            query.setParameter("org", organisation);
        }
        if (status != null) {
            query.setParameter("status", status.name());
        }
        if (reviewDue) {
            query.setParameter("today", today);
        }
        return query.getResultList();
    }

    /** ACTIVE agreements naming {@code organisation} as a party. */
    @SuppressWarnings("unchecked")
    public List<Agreement> activeWithParty(String organisation) {
        return em.createNativeQuery(
                        "SELECT * FROM agreement WHERE status = 'ACTIVE' AND parties @> ARRAY[:org]::text[]",
                        Agreement.class)
                .setParameter("org", organisation)
                .getResultList();
    }

    /** Live agreements whose window ended before {@code today}. */
    public List<Agreement> windowEnded(LocalDate today) {
        return list(
                "status in ?1 and validTo < ?2",
                List.of(
                        AgreementStatus.DRAFT,
                        AgreementStatus.PROPOSED,
                        AgreementStatus.ACTIVE,
                        AgreementStatus.SUSPENDED),
                today);
    }

    /** Agreements that may release now or again (ACTIVE, SUSPENDED) to any of these recipients. */
    public List<Agreement> recordHolders(List<String> recipients) {
        return list(
                        "status in ?1 order by id",
                        List.of(AgreementStatus.ACTIVE, AgreementStatus.SUSPENDED))
                .stream()
                .filter(a -> a.recipients.stream().anyMatch(recipients::contains))
                .toList();
    }
}
