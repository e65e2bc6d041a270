package org.selectorate.ballot.step;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.selectorate.ballot.selection.Candidate;
import org.selectorate.ballot.selection.Rulebook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Request and response bodies of the nominations and shortlist API. */
public final class NominationViews {
    private NominationViews() {
    }

    // Examples for the API contract: the demo selection's candidates; Mei Chen added to the shortlist by the
    // committee (co-signed), and withdrawn later.
    private static final String ASHA_PATEL = "3c9d2e71-6a4b-4f08-9c1d-2b7e5a6f8d90";
    private static final String TOM_REID = "8a1f4b26-0d7c-4e59-b3a2-6c9e1f7d2a48";
    private static final String MEI_CHEN = "d47e9c13-5b2a-4a6f-8e0d-1f3c7b9a6e25";
    private static final String ADDITION_REASON = "The committee adds a third candidate so that members have a real "
            + "choice";

    /** @param candidates candidate ids of the selection, in the order they are to be listed */
    public record ShortlistRequest(@Schema(example = "[\"" + ASHA_PATEL + "\", \"" + TOM_REID + "\", \"" + MEI_CHEN
                                           + "\"]")
                                   @NotNull @NotEmpty @Size(max = 100) List<@NotNull String> candidates) {
    }

    /** @param candidate the id of a standing candidate not on the shortlist; {@code reason} is the committee's */
    public record AdditionRequest(@Schema(example = MEI_CHEN) @NotBlank @Size(max = 100) String candidate,
                                  @Schema(example = ADDITION_REASON) @Size(max = 2000) String reason) {
    }

    /**
     * @param basis    {@code threshold}, {@code gender-balance} (with {@code reason}: why this candidate),
     *                 {@code committee} (with the proposer's {@code reason} and the co-signed {@code proposal}) or
     *                 {@code manual}
     */
    public record Shortlisted(@Schema(example = MEI_CHEN) UUID id,
                              @Schema(example = "Mei Chen") String name,
                              @Schema(example = "committee") String basis,
                              @Schema(example = ADDITION_REASON) String reason,
                              @Schema(example = "5b9d3f7a-2e6c-4a81-9d4b-8c1e0a7f3d26") UUID proposal,
                              @Schema(example = "2026-11-24T15:10:00Z") Instant addedAt,
                              @Schema(example = "secretary") String addedBy,
                              @Schema(example = "2026-12-01T16:00:00Z") Instant withdrawnAt) {
    }

    /**
     * A candidate with their nominations as they stand: the branches whose nomination meeting chose them, the
     * affiliates whose confirmed return names them. {@code gender} only where the rulebook has a gender-balance rule.
     */
    public record Nominated(@Schema(example = ASHA_PATEL) UUID id,
                            @Schema(example = "Asha Patel") String name,
                            @Schema(example = "woman") String gender,
                            @Schema(example = "2026-12-01T16:00:00Z") Instant withdrawnAt,
                            @Schema(example = "3") int nominations,
                            @Schema(example = "[\"NW-001-B1\", \"NW-001-B4\"]") List<String> branches,
                            @Schema(example = "[\"NW-001-UNITE\"]") List<String> affiliates) {
    }

    /**
     * The nominations step and the shortlist.
     *
     * @param automatic          whether the rulebook's thresholds set the shortlist when nominations close
     * @param committeeAdditions how many candidates the committee may add to it (co-signed)
     */
    public record Nominations(@Schema(example = "5f0c2a9e-1d3b-4c7a-8e6f-9a2b3c4d5e6f") UUID selectionId,
                              @Schema(example = "2026-11-02T09:00:00Z") Instant nominationsOpenedAt,
                              @Schema(example = "2026-11-20T17:00:00Z") Instant returnsDeadline,
                              @Schema(example = "2026-11-23T09:00:00Z") Instant nominationsClosedAt,
                              boolean automatic,
                              @Schema(example = "1") int committeeAdditions,
                              @Schema(example = "2026-11-23T09:00:00Z") Instant shortlistedAt,
                              @Schema(example = "secretary") String shortlistedBy,
                              List<Shortlisted> shortlist,
                              List<Nominated> candidates) {
        static Nominations of(UUID selectionId, Rulebook r, SelectionStep st, NominationService.Gathered g,
                              List<ShortlistPlace> places) {
            boolean genders = r.stepRules() != null && r.stepRules().genderBalance() != null;
            Map<UUID, Candidate> byId = g.candidates().stream()
                    .collect(Collectors.toMap(c -> c.id, Function.identity()));
            List<Nominated> candidates = g.candidates().stream().map(c -> {
                List<String> branches = g.branchesFor(c.name);
                List<String> affiliates = g.returnsFor(c.name).stream().map(ret -> ret.affiliate).toList();
                return new Nominated(c.id, c.name, genders ? c.gender : null, c.withdrawnAt,
                        branches.size() + affiliates.size(), branches, affiliates);
            }).toList();
            List<Shortlisted> shortlist = places.stream().map(p -> {
                Candidate c = byId.get(p.candidateId);
                return new Shortlisted(c.id, c.name, p.basis, p.reason, p.proposalId, p.addedAt, p.addedBy,
                        c.withdrawnAt);
            }).toList();
            return new Nominations(selectionId, st == null ? null : st.openedAt,
                    st == null ? null : st.returnsDeadline, st == null ? null : st.closedAt,
                    NominationService.automatic(r),
                    r.stepRules() == null ? 0 : r.stepRules().nominations().committeeAdditions(),
                    st == null ? null : st.shortlistedAt, st == null ? null : st.shortlistedBy, shortlist,
                    candidates);
        }
    }
}
