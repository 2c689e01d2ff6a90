package org.pactum.feed;

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

/** One version of a feed's schema, as stored. The schema itself is JSON ({@link FeedSchema}). */
@Entity
@Table(name = "feed")
@IdClass(Feed.Key.class)
public class Feed extends PanacheEntityBase {

    @Id public String code;

    @Id public int version;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String description;

    @Column(name = "provider_type", nullable = false)
    public String providerType;

    @Column(name = "built_in", nullable = false)
    public boolean builtIn;

    @Column(name = "aggregate_only", nullable = false)
    public boolean aggregateOnly;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String schema;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static class Key implements Serializable {
        public String code;
        public int version;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.version == version && Objects.equals(k.code, code);
        }

        @Override
        public int hashCode() {
            return Objects.hash(code, version);
        }
    }
}
