package org.selectorate.ballot.step;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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

    /** @param candidates candidate ids of the selection, in the order they are to be listed */
    public record ShortlistRequest(@NotNull @NotEmpty @Size(max = 100) List<@NotNull String> candidates) {
    }

    /** @param candidate the id of a standing candidate not on the shortlist; {@code reason} is the committee's */
    public record AdditionRequest(@NotBlank @Size(max = 100) String candidate, @Size(max = 2000) String reason) {
    }

    /**
     * @param basis    {@code threshold}, {@code gender-balance} (with {@code reason}: why this candidate),
     *                 {@code committee} (with the proposer's {@code reason} and the co-signed {@code proposal}) or
     *                 {@code manual}
     */
    public record Shortlisted(UUID id, String name, String basis, String reason, UUID proposal, Instant addedAt,
                              String addedBy, Instant withdrawnAt) {
    }

    /**
     * A candidate with their nominations as they stand: the branches whose nomination meeting chose them, the
     * affiliates whose confirmed return names them. {@code gender} only where the rulebook has a gender-balance rule.
     */
    public record Nominated(UUID id, String name, String gender, Instant withdrawnAt, int nominations,
                            List<String> branches, List<String> affiliates) {
    }

    /**
     * The nominations step and the shortlist.
     *
     * @param automatic          whether the rulebook's thresholds set the shortlist when nominations close
     * @param committeeAdditions how many candidates the committee may add to it (co-signed)
     */
    public record Nominations(UUID selectionId, Instant nominationsOpenedAt, Instant returnsDeadline,
                              Instant nominationsClosedAt, boolean automatic, int committeeAdditions,
                              Instant shortlistedAt, String shortlistedBy, List<Shortlisted> shortlist,
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
