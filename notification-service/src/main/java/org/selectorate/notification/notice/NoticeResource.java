package org.selectorate.notification.notice;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.selectorate.contracts.Roles;
import org.selectorate.support.caller.Caller;
import org.selectorate.support.problem.Problem;
import org.selectorate.support.problem.ProblemException;

import java.util.List;
import java.util.UUID;

@Path("/api/notifications")
@Tag(name = "notices", description = "Timetable notices to selection committees")
public class NoticeResource {
    /** An example of the signed token a notice's link carries (base64url of an HMAC-SHA256): made up. */
    private static final String CONFIRM_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><title>Acknowledge notice"
            + "</title></head><body><main><h1>Acknowledge notice</h1><form method=\"post\">…</form></main></body>"
            + "</html>";
    private static final String ACKNOWLEDGED_PAGE = "<!DOCTYPE html><html lang=\"en\"><head><title>Notice "
            + "acknowledged</title></head><body><main><h1>Notice acknowledged</h1><p role=\"status\">Thank you.</p>"
            + "</main></body></html>";
    private static final String ACK_TOKEN = "ZXhhbXBsZS1hY2stdG9rZW4tbm90LWEtcmVhbC1tYWM";

    private final NoticeService notices;
    private final MemberMeetingNotices memberNotices;
    private final SecurityIdentity identity;

    public NoticeResource(NoticeService notices, MemberMeetingNotices memberNotices, SecurityIdentity identity) {
        this.notices = notices;
        this.memberNotices = memberNotices;
        this.identity = identity;
    }

    /**
     * The page a notice's link opens: what the notice is about and a button. It changes nothing, because mail
     * scanners and link previewers follow links too; only the button's POST acknowledges.
     */
    @GET
    @Path("/public/notices/{noticeId}/ack")
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "getNoticeAcknowledgementPage",
            summary = "The acknowledgement page of a notice's signed link (changes nothing)",
            description = "An HTML page with the notice and a form that POSTs the token to the same path; "
                    + "an error page (403) if the token is not the notice's.")
    @APIResponse(responseCode = "200", description = "The page, with the form to acknowledge",
            content = @Content(mediaType = MediaType.TEXT_HTML,
                    schema = @Schema(type = SchemaType.STRING, example = CONFIRM_PAGE)))
    public Uni<Response> confirmation(@PathParam("noticeId") UUID noticeId, @QueryParam("token") String token) {
        return notices.toAcknowledge(noticeId, token)
                .map(n -> html(200, AckPage.confirm(n, token)))
                .onFailure(ProblemException.class).recoverWithItem(e -> {
                    Problem p = ((ProblemException) e).problem();
                    return html(p.status(), AckPage.error(p.title(), p.detail()));
                });
    }

    /**
     * Records the acknowledgement (once; repeating it changes nothing). The token comes from the page's form or,
     * for API clients following the mailed link, its query. JSON unless the client prefers HTML (a browser).
     */
    @POST
    @Path("/public/notices/{noticeId}/ack")
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.WILDCARD})
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_HTML})
    @Operation(operationId = "acknowledgeNotice",
            summary = "Acknowledge a notice with its signed token (403 problem if the token does not match)")
    @APIResponse(responseCode = "200", description = "Acknowledged: JSON, or a page for a browser's form",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = NoticeViews.Acknowledgement.class)),
                    @Content(mediaType = MediaType.TEXT_HTML,
                            schema = @Schema(type = SchemaType.STRING, example = ACKNOWLEDGED_PAGE))})
    public Uni<Response> acknowledge(@PathParam("noticeId") UUID noticeId,
                                     @FormParam("token") @Schema(example = ACK_TOKEN) String formToken,
                                     @QueryParam("token") @Parameter(example = ACK_TOKEN) String queryToken,
                                     @Context HttpHeaders headers) {
        return notices.acknowledge(noticeId, formToken != null ? formToken : queryToken)
                .map(a -> prefersHtml(headers)
                        ? html(200, AckPage.acknowledged(a))
                        : Response.ok(a, MediaType.APPLICATION_JSON_TYPE).build());
    }

    @GET
    @Path("/selections/{id}/notices")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER})
    @Operation(operationId = "getNoticeLedger",
            summary = "The selection's notices ledger: who was told what, when, delivered, acknowledged",
            description = "For callers covering the selection's area; 404 otherwise.")
    public Uni<List<NoticeViews.LedgerEntry>> ledger(@PathParam("id") String selectionId) {
        return notices.ledger(selectionId, Caller.of(identity));
    }

    @GET
    @Path("/selections/{id}/meetings/{meetingId}/member-notices")
    @RolesAllowed({Roles.HQ_ADMIN, Roles.REGIONAL_ADMIN, Roles.PROCEDURES_SECRETARY, Roles.SCRUTINEER,
            Roles.COMMITTEE_MEMBER})
    @Operation(operationId = "getMeetingMemberNotices",
            summary = "How a meeting's notice to the electors it summons stands at its current sequence: counts",
            description = "Electors summoned on the latest complete frozen roll, and the notices of the current "
                    + "sequence sent, pending and failed; never who. For callers covering the selection's area; "
                    + "404 otherwise, or for a meeting not known here.")
    public Uni<MemberMeetingNotices.Counts> memberNotices(@PathParam("id") String selectionId,
                                                          @PathParam("meetingId") String meetingId) {
        return memberNotices.counts(selectionId, meetingId, Caller.of(identity));
    }

    /** The first specific type the client accepts decides: browsers name text/html first; API clients JSON, or none. */
    private static boolean prefersHtml(HttpHeaders headers) {
        return headers.getAcceptableMediaTypes().stream().filter(m -> !m.isWildcardType()).findFirst()
                .map(m -> m.isCompatible(MediaType.TEXT_HTML_TYPE)).orElse(false);
    }

    /** Not cached, not framed (a framed button could be clicked unawares), and the token-bearing URL not passed on. */
    private static Response html(int status, String page) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(page)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .build();
    }
}
