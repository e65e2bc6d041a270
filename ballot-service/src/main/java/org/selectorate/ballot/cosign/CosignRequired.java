package org.selectorate.ballot.cosign;

import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.ProblemException;

import java.util.List;

/**
 * Thrown by a service when one person attempts an action that needs a second: nothing has been done, and the
 * attempt's transaction rolls back. {@link CosignProblems} then records the proposal (in a transaction of its own)
 * and answers 409 {@code cosign-required} with it.
 */
public class CosignRequired extends RuntimeException {
    private final transient Proposals.Request request;
    private final transient Caller caller;

    private CosignRequired(Proposals.Request request, Caller caller) {
        super(request.why());
        this.request = request;
        this.caller = caller;
    }

    /** The attempt becomes a proposal; one without a reason is refused (400) before anything is recorded. */
    public static RuntimeException of(Proposals.Request request, Caller caller) {
        if (request.reason() == null || request.reason().isBlank()) {
            return ProblemException.badRequest(request.why() + "; a proposal needs a reason",
                    List.of("reason: must not be blank"));
        }
        return new CosignRequired(request, caller);
    }

    public Proposals.Request request() {
        return request;
    }

    public Caller caller() {
        return caller;
    }
}
