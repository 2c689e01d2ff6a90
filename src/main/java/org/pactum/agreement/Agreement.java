package org.pactum.agreement;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** The agreement's current state; its content lives in {@link AgreementVersion}. */
@Entity
@Table(name = "agreement")
public class Agreement extends PanacheEntityBase {

    @Id public String id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgreementStatus status;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    /** Providers and recipients of the current version, for tenancy queries. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> parties;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> recipients;

    @Column(name = "valid_to", nullable = false)
    public LocalDate validTo;

    @Column(name = "review_date", nullable = false)
    public LocalDate reviewDate;

    @Column(name = "status_reason")
    public String statusReason;

    @Column(name = "suspended_by")
    public String suspendedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public int rowVersion;
}
