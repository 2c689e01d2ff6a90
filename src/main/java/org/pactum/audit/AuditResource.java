package org.pactum.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.util.List;
import org.pactum.platform.Downloads;
import org.pactum.platform.LongExchange;
import org.pactum.problem.PactumException;
import org.pactum.security.CurrentCaller;
import org.pactum.security.Roles;

@Path("/api/v1/audit")
@RolesAllowed({Roles.IG_LEAD, Roles.ADMIN})
public class AuditResource {

    public static final String NDJSON = "application/x-ndjson";

    public static final String CSV = "text/csv";

    public static final String PEM = "application/x-pem-file";

    @Inject AuditService audit;

    @Inject AuditTreeService tree;

    @Inject CurrentCaller caller;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public AuditService.Page list(
            @QueryParam("from") Instant from,
            @QueryParam("to") Instant to,
            @QueryParam("action") String action,
            @QueryParam("actorOrganisation") String actorOrganisation,
            @QueryParam("agreementId") String agreementId,
            @QueryParam("outcome") Outcome outcome,
            @QueryParam("afterSeq") Long afterSeq,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.list(
                caller.get(),
                new AuditFilter(
                        from, to, action, actorOrganisation, agreementId, outcome, afterSeq),
                limit);
    }

    @GET
    @Path("/verify")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditService.Verification verify(
            @QueryParam("fromSeq") Long fromSeq, @QueryParam("toSeq") Long toSeq) {
        return audit.verify(caller.get(), fromSeq, toSeq);
    }

    @GET
    @Path("/export")
    @LongExchange(LongExchange.Kind.EXTRACT)
    @Produces({NDJSON, CSV})
    public Response export(
            @QueryParam("fromSeq") Long fromSeq,
            @QueryParam("toSeq") Long toSeq,
            @QueryParam("format") @DefaultValue("ndjson") String format) {
        if (!format.equals("ndjson") && !format.equals("csv")) {
            throw PactumException.invalidParameter(
                    "format", "must be ndjson (to verify offline) or csv (for a spreadsheet)");
        }
        boolean csv = format.equals("csv");
        AuditService.ExportStream stream = audit.export(caller.get(), fromSeq, toSeq, csv);
        StreamingOutput body = stream::writeTo;
        return Response.ok(body, csv ? CSV : NDJSON)
                .header(Downloads.HEADER, Downloads.attachment("pactum-audit", format))
                .build();
    }

    @GET
    @Path("/checkpoint")
    @Produces(MediaType.TEXT_PLAIN)
    public String checkpoint(@QueryParam("size") String size) {
        return tree.checkpoint(caller.get(), size);
    }

    /** The log's public key: public, so anyone holding a checkpoint can check it. */
    @GET
    @Path("/key")
    @PermitAll
    @Produces(PEM)
    public String key() {
        return tree.publicKeyPem();
    }

    @GET
    @Path("/proof/inclusion")
    @Produces(MediaType.APPLICATION_JSON)
    public TreeViews.InclusionProof inclusion(
            @QueryParam("seq") String seq, @QueryParam("size") String size) {
        return tree.inclusion(caller.get(), seq, size);
    }

    @GET
    @Path("/proof/consistency")
    @Produces(MediaType.APPLICATION_JSON)
    public TreeViews.ConsistencyProof consistency(
            @QueryParam("from") String from, @QueryParam("to") String to) {
        return tree.consistency(caller.get(), from, to);
    }

    @POST
    @Path("/witness")
    @RolesAllowed(Roles.IG_LEAD)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public TreeViews.Cosigned witness(WitnessRequest request) {
        return tree.witness(caller.get(), request);
    }

    @GET
    @Path("/witness")
    @Produces(MediaType.APPLICATION_JSON)
    public List<TreeViews.WitnessView> witnesses() {
        return tree.witnesses(caller.get());
    }

    @GET
    @Path("/head")
    @Produces(MediaType.APPLICATION_JSON)
    public AuditService.Receipt head() {
        return audit.head(caller.get());
    }
}
