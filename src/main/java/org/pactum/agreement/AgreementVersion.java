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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One immutable version of an agreement's content and the hash every approval binds to. */
@Entity
@Table(name = "agreement_version")
@IdClass(AgreementVersion.Key.class)
public class AgreementVersion extends PanacheEntityBase {

    @Id
    @Column(name = "agreement_id")
    public String agreementId;

    @Id public int version;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String content;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "created_by_org")
    public String createdByOrg;

    public static class Key implements Serializable {
        public String agreementId;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && k.version == version
                    && Objects.equals(k.agreementId, agreementId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agreementId, version);
        }
    }
}
