package org.pactum.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pactum.audit.Actor;
import org.pactum.audit.AuditEvent;
import org.pactum.audit.AuditLog;
import org.pactum.platform.ParsedByText;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;
import org.pactum.security.Caller;

/** The feed catalogue: built-in schemas registered at start, read by everyone with a role. */
@ApplicationScoped
public class FeedService {

    /** Built-in feeds are registered before anything (such as the demo seed) uses them. */
    public static final int STARTUP_ORDER = 1000;

    @Inject FeedRepository feeds;

    @Inject EntityManager em;

    @Inject ObjectMapper json;

    @Inject AuditLog audit;

    @Inject Validator validator;

    /**
     * Registers the built-in feeds, or brings a built-in version up to the code's definition
     * (several instances may race: harmless). A published change to a schema is a new version,
     * never an edit.
     */
    @Transactional
    void registerBuiltIns(@Observes @Priority(STARTUP_ORDER) StartupEvent start) {
        for (FeedSchema schema : BuiltInFeeds.all()) {
            int inserted =
                    em.createNativeQuery(
                                    """
                    INSERT INTO feed (code, version, title, description, provider_type, built_in, aggregate_only, schema, created_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, true, ?6, cast(?7 as jsonb), ?8)
                    ON CONFLICT (code, version) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description,
                        aggregate_only = EXCLUDED.aggregate_only, schema = EXCLUDED.schema
                    WHERE feed.built_in AND feed.schema IS DISTINCT FROM EXCLUDED.schema
                    """)
                            .setParameter(1, schema.code())
                            .setParameter(2, schema.version())
                            .setParameter(3, schema.title())
                            .setParameter(4, schema.description())
                            .setParameter(5, schema.providerType().name())
                            .setParameter(6, schema.aggregateOnly())
                            .setParameter(7, write(schema))
                            .setParameter(8, Instant.now())
                            .executeUpdate();
            if (inserted > 0) {
                audit.append(
                        Actor.system("boot"),
                        AuditEvent.allowed("feed.register", "feed:" + schema.code())
                                .with("version", schema.version())
                                .with("builtIn", true));
            }
        }
    }

    /** Problem type for a feed schema that breaks the rules below. */
    public static final ProblemType INVALID_FEED =
            new ProblemType(
                    422, "feed-invalid", "The feed schema breaks one or more rules; see errors");

    /** Registers a feed, or the next version of an existing one (administrators only; audited). */
    @Transactional
    public FeedView register(Caller caller, NewFeed request) {
        if (!caller.isAdmin()) {
            throw PactumException.forbidden("Only a partnership administrator can register feeds");
        }
        List<Map<String, Object>> errors = new ArrayList<>(FeedRules.check(request));
        Optional<FeedSchema> previous = feeds.latest(request.code()).map(this::read);
        previous.ifPresent(p -> errors.addAll(FeedRules.checkNextVersion(p, request)));
        if (!errors.isEmpty()) {
            audit.appendAlone(
                    Actor.of(caller),
                    AuditEvent.denied(
                            "feed.register",
                            "feed:" + PactumException.shown(request.code()),
                            "invalid schema: " + errors.size() + " problem(s)"));
            throw new PactumException(
                    INVALID_FEED,
                    "The schema breaks "
                            + errors.size()
                            + " rule(s): "
                            + errors.get(0).get("field")
                            + " "
                            + errors.get(0).get("reason"),
                    Map.of("errors", errors));
        }
        int version = previous.map(p -> p.version() + 1).orElse(1);
        FeedSchema schema =
                new FeedSchema(
                        request.code(),
                        version,
                        request.title(),
                        request.description(),
                        request.providerType(),
                        request.aggregateOnly(),
                        request.fields().stream().map(NewFeed.Field::toField).toList());
        Feed feed = new Feed();
        feed.code = schema.code();
        feed.version = version;
        feed.title = schema.title();
        feed.description = schema.description();
        feed.providerType = schema.providerType().name();
        feed.builtIn = false;
        feed.aggregateOnly = schema.aggregateOnly();
        feed.schema = write(schema);
        feed.createdAt = Instant.now();
        feeds.persist(feed);
        audit.append(
                Actor.of(caller),
                AuditEvent.allowed("feed.register", "feed:" + schema.code())
                        .with("version", version)
                        .with("fields", schema.fields().size())
                        .with("providerType", schema.providerType().name()));
        return FeedView.from(feed, schema);
    }

    /**
     * Registers a feed written as a Frictionless Table Schema document (the format of the built-in
     * feed files): read, validated as the JSON form is, then registered the same way.
     */
    @Transactional
    public FeedView register(Caller caller, JsonNode tableSchema) {
        if (!caller.isAdmin()) {
            throw PactumException.forbidden("Only a partnership administrator can register feeds");
        }
        NewFeed request;
        try {
            request = FrictionlessFeeds.newFeed(tableSchema, TableSchemas.sharedFields());
        } catch (FrictionlessFeeds.Unreadable e) {
            throw refuse(caller, tableSchema, "unreadable table schema", e.getMessage());
        }
        Set<ConstraintViolation<NewFeed>> violations = validator.validate(request);
        if (!violations.isEmpty()) {
            ConstraintViolation<NewFeed> first =
                    violations.stream()
                            .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
                            .orElseThrow();
            throw refuse(
                    caller,
                    tableSchema,
                    "invalid table schema: " + violations.size() + " problem(s)",
                    first.getPropertyPath() + " " + first.getMessage());
        }
        return register(caller, request);
    }

    private PactumException refuse(
            Caller caller, JsonNode tableSchema, String reason, String detail) {
        String code = tableSchema.path("pactum:code").asText("");
        audit.appendAlone(
                Actor.of(caller),
                AuditEvent.denied("feed.register", "feed:" + PactumException.shown(code), reason));
        return PactumException.invalid("The Table Schema document cannot be registered: " + detail);
    }

    /** A feed's current schema as a Frictionless Table Schema document. */
    public JsonNode tableSchema(String code) {
        Feed feed = feeds.latest(code).orElseThrow(() -> PactumException.notFound("Feed", code));
        return FrictionlessFeeds.document(read(feed));
    }

    public List<FeedView> list() {
        return feeds.latestVersions().stream().map(f -> FeedView.from(f, read(f))).toList();
    }

    public FeedView get(String code) {
        Feed feed = feeds.latest(code).orElseThrow(() -> PactumException.notFound("Feed", code));
        return FeedView.from(feed, read(feed));
    }

    /** The current schema of a feed, for other features (ingest, agreements). */
    public Optional<FeedSchema> schema(String code) {
        return feeds.latest(code).map(this::read);
    }

    /** One version of a feed's schema: the one a push or an agreement is bound to. */
    public Optional<FeedSchema> schema(String code, int version) {
        Feed.Key key = new Feed.Key();
        key.code = code;
        key.version = version;
        return feeds.findByIdOptional(key).map(this::read);
    }

    /** Parsed once per stored text (a built-in updated in place at start is parsed afresh). */
    private final ParsedByText<FeedSchema> parsed = new ParsedByText<>(256, this::parse);

    private FeedSchema read(Feed feed) {
        return parsed.get(feed.schema);
    }

    private FeedSchema parse(String schema) {
        try {
            return json.readValue(schema, FeedSchema.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored feed schema is unreadable", e);
        }
    }

    private String write(FeedSchema schema) {
        try {
            return json.writeValueAsString(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
