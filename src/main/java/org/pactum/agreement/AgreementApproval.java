package org.pactum.agreement;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** One party's IG lead approving one exact version (bound by its content hash). */
@Entity
@Table(name = "agreement_approval")
@IdClass(AgreementApproval.Key.class)
public class AgreementApproval extends PanacheEntityBase {

    @Id
    @Column(name = "agreement_id")
    public String agreementId;

    @Id public int version;

    @Id public String organisation;

    @Column(nullable = false)
    public String approver;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "approved_at", nullable = false)
    public Instant approvedAt;

    public static class Key implements Serializable {
        public String agreementId;
        public int version;
        public String organisation;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && k.version == version
                    && Objects.equals(k.agreementId, agreementId)
                    && Objects.equals(k.organisation, organisation);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agreementId, version, organisation);
        }
    }
}
