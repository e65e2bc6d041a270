package org.selectorate.ballot.cosign;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;

import java.net.URI;

/** Turns an attempt that needs a second person into its recorded proposal and a 409 that links to it. */
public class CosignProblems {
    private static final URI TYPE = URI.create("https://selectorate.org/problems/cosign-required");

    private final Proposals proposals;

    public CosignProblems(Proposals proposals) {
        this.proposals = proposals;
    }

    /** RFC 9457 problem details with the proposal as an extension member. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CosignRequiredProblem(URI type, String title, int status, String detail, URI instance,
                                        Proposal.View proposal) {
    }

    /**
     * The proposal is recorded against the state as it is now, read afresh: if the action has meanwhile become
     * impossible, that refusal is the answer instead.
     */
    @ServerExceptionMapper
    public Uni<Response> cosignRequired(CosignRequired e, UriInfo uri) {
        URI instance = URI.create(uri.getRequestUri().getRawPath());
        return proposals.propose(e.request(), e.caller())
                .map(p -> Response.status(Response.Status.CONFLICT)
                        .type(Problem.MEDIA_TYPE)
                        .location(URI.create(p.href()))
                        .entity(new CosignRequiredProblem(TYPE, "A second person must co-sign", 409,
                                e.getMessage() + ": proposal " + p.id() + " awaits a scrutineer's co-signature",
                                instance, p))
                        .build())
                .onFailure(ProblemException.class).recoverWithItem(failure -> {
                    Problem problem = ((ProblemException) failure).problem().withInstance(instance);
                    return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
                });
    }
}
