package org.pactum.partner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** A partner system: the Keycloak client an organisation's export job authenticates as. */
@Entity
@Table(name = "partner_system")
public class PartnerSystem extends PanacheEntityBase {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(nullable = false)
    public String organisation;

    @Column(name = "keycloak_id", nullable = false)
    public String keycloakId;

    public String description;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    @Column(name = "disabled_by")
    public String disabledBy;

    @Version public int version;
}
