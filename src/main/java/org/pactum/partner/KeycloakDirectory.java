package org.pactum.partner;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.ClientResource;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ProtocolMapperRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.pactum.problem.PactumException;
import org.pactum.problem.ProblemType;

/**
 * The partnership's Keycloak realm, through the Keycloak admin client: partner systems are
 * confidential clients with a service account holding the Pactum client's {@code submitter} role, a
 * hard-coded {@code org} claim and Pactum as token audience.
 */
@ApplicationScoped
public class KeycloakDirectory {

    static final ProblemType NOT_CONFIGURED =
            new ProblemType(
                    503,
                    "keycloak-not-configured",
                    "Partner-system onboarding needs the partnership's Keycloak");
    static final ProblemType UNAVAILABLE =
            new ProblemType(503, "keycloak-unavailable", "Keycloak did not answer");

    @Inject KeycloakConfig config;

    private volatile Keycloak client;

    /** A created client: Keycloak's internal id and the secret, to be shown once. */
    public record Created(String keycloakId, String secret) {}

    public Created createSystem(String clientId, String organisation, String description) {
        RealmResource realm = realm();
        try {
            ClientRepresentation c = new ClientRepresentation();
            c.setClientId(clientId);
            c.setName(clientId);
            c.setDescription(description);
            c.setEnabled(true);
            c.setPublicClient(false);
            c.setClientAuthenticatorType("client-secret");
            c.setServiceAccountsEnabled(true);
            c.setStandardFlowEnabled(false);
            c.setImplicitFlowEnabled(false);
            c.setDirectAccessGrantsEnabled(false);
            c.setProtocol("openid-connect");
            c.setProtocolMappers(List.of(orgClaim(organisation), pactumAudience()));
            String id;
            try (Response created = realm.clients().create(c)) {
                if (created.getStatus() == 409) {
                    throw PactumException.conflict("Keycloak already has a client " + clientId);
                }
                id = CreatedResponseUtil.getCreatedId(created);
            }
            ClientResource resource = realm.clients().get(id);
            UserRepresentation serviceAccount = resource.getServiceAccountUser();
            // The role is the Pactum client's own (resource_access/pactum/roles), never a realm
            // role.
            String pactumClient =
                    realm.clients().findByClientId(config.audience()).stream()
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new PactumException(
                                                    UNAVAILABLE,
                                                    "The realm has no client "
                                                            + config.audience()
                                                            + " holding Pactum's roles; import deploy/keycloak/partnership-realm.json"))
                            .getId();
            RoleRepresentation submitter =
                    realm.clients().get(pactumClient).roles().get("submitter").toRepresentation();
            realm.users()
                    .get(serviceAccount.getId())
                    .roles()
                    .clientLevel(pactumClient)
                    .add(List.of(submitter));
            return new Created(id, resource.getSecret().getValue());
        } catch (ProcessingException e) {
            throw unavailable(e);
        } catch (WebApplicationException e) {
            throw new PactumException(
                    UNAVAILABLE,
                    "Keycloak refused the request ("
                            + e.getResponse().getStatus()
                            + "); check the pactum-admin client's realm-management roles",
                    Map.of(),
                    e);
        }
    }

    /** Disables the client: its next token request fails. */
    public void disable(String keycloakId) {
        try {
            ClientResource resource = realm().clients().get(keycloakId);
            ClientRepresentation c = resource.toRepresentation();
            c.setEnabled(false);
            resource.update(c);
        } catch (ProcessingException e) {
            throw unavailable(e);
        }
    }

    /** Tokens of the new client name Pactum as their audience, which Pactum requires. */
    private ProtocolMapperRepresentation pactumAudience() {
        ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
        m.setName("pactum-audience");
        m.setProtocol("openid-connect");
        m.setProtocolMapper("oidc-audience-mapper");
        m.setConfig(
                Map.of(
                        "included.client.audience",
                        config.audience(),
                        "access.token.claim",
                        "true",
                        "id.token.claim",
                        "false",
                        "introspection.token.claim",
                        "true"));
        return m;
    }

    public String tokenEndpoint() {
        return config.serverUrl().orElse("")
                + "/realms/"
                + config.realm()
                + "/protocol/openid-connect/token";
    }

    private static ProtocolMapperRepresentation orgClaim(String organisation) {
        ProtocolMapperRepresentation m = new ProtocolMapperRepresentation();
        m.setName("org");
        m.setProtocol("openid-connect");
        m.setProtocolMapper("oidc-hardcoded-claim-mapper");
        m.setConfig(
                Map.of(
                        "claim.name",
                        "org",
                        "claim.value",
                        organisation,
                        "jsonType.label",
                        "String",
                        "access.token.claim",
                        "true",
                        "id.token.claim",
                        "false",
                        "userinfo.token.claim",
                        "false",
                        "introspection.token.claim",
                        "true"));
        return m;
    }

    private RealmResource realm() {
        Keycloak k = client;
        if (k == null) {
            synchronized (this) {
                if (client == null) {
                    String url =
                            config.serverUrl()
                                    .filter(s -> !s.isBlank())
                                    .orElseThrow(
                                            () ->
                                                    new PactumException(
                                                            NOT_CONFIGURED,
                                                            "Set PACTUM_KEYCLOAK_SERVER_URL and PACTUM_KEYCLOAK_CLIENT_SECRET to onboard partner systems; the embedded "
                                                                    + "default's demo systems use the tokens in demo-tokens.json"));
                    client =
                            KeycloakBuilder.builder()
                                    .serverUrl(url)
                                    .realm(config.realm())
                                    .clientId(config.clientId())
                                    .clientSecret(config.clientSecret().orElse(""))
                                    .grantType("client_credentials")
                                    .build();
                }
                k = client;
            }
        }
        return k.realm(config.realm());
    }

    private static PactumException unavailable(Exception e) {
        return new PactumException(
                UNAVAILABLE,
                "Keycloak did not answer; nothing was changed. Try again shortly.",
                Map.of(),
                e);
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }
}
