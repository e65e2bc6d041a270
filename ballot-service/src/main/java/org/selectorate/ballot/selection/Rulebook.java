package org.selectorate.ballot.selection;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.selectorate.integrity.json.CanonicalJson;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One immutable version of a selection's rules; published with the ballot and its result. */
@Entity
@Table(name = "rulebook")
public class Rulebook extends PanacheEntityBase {
    @Id
    public UUID id;

    @Column(name = "selection_id", nullable = false)
    public UUID selectionId;

    @Column(nullable = false)
    public int version;

    @Column(name = "minimum_months", nullable = false)
    public int minimumMonths;

    @Column(name = "arrears_disqualify", nullable = false)
    public boolean arrearsDisqualify;

    @Column(name = "tie_break", nullable = false)
    public String tieBreak;

    /** The seed of any lot, fixed and published before the ballot, so nobody can choose it afterwards. */
    @Column(nullable = false)
    public long seed;

    /**
     * Hours before a ballot opens by which every committee member must have a delivered notice of it. A rule of
     * procedure, not of the count: it is not part of the published {@link #toJson()}.
     */
    @Column(name = "notice_lead_hours", nullable = false)
    public int noticeLeadHours;

    /** Candidate mailings each candidate may send in any {@link #mailingPeriodDays} days (a rule of procedure). */
    @Column(name = "mailing_quota", nullable = false)
    public int mailingQuota;

    @Column(name = "mailing_period_days", nullable = false)
    public int mailingPeriodDays;

    // The steps before the final ballot (V11; all null on a rulebook made before, see StepRules).
    public String steps;

    @Column(name = "trigger_preset")
    public String triggerPreset;

    @Column(name = "trigger_branches")
    public String triggerBranches;

    @Column(name = "trigger_affiliates")
    public String triggerAffiliates;

    @Column(name = "trigger_combination")
    public String triggerCombination;

    @Column(name = "trigger_base")
    public String triggerBase;

    @Column(name = "trigger_method")
    public String triggerMethod;

    @Column(name = "meeting_quorum")
    public Integer meetingQuorum;

    @Column(name = "nomination_branches")
    public String nominationBranches;

    @Column(name = "nomination_affiliates")
    public String nominationAffiliates;

    @Column(name = "nomination_combination")
    public String nominationCombination;

    @Column(name = "nomination_method")
    public String nominationMethod;

    /** V18; null (as on every rulebook made before): the committee may add nobody to a shortlist by thresholds. */
    @Column(name = "nomination_committee_additions")
    public Integer nominationCommitteeAdditions;

    @Column(name = "gender_balance_gender")
    public String genderBalanceGender;

    @Column(name = "gender_balance_at_least")
    public Integer genderBalanceAtLeast;

    @Column(name = "minimum_published_voters")
    public Integer minimumPublishedVoters;

    /** A tied yes/no vote at a meeting: {@code falls} or {@code lot}; null on a rulebook made before (it falls). */
    @Column(name = "meeting_tie")
    public String meetingTie;

    // The final ballot's channels and count (V21; all null on a rulebook made without them, see BallotRules).
    @Column(name = "channel_postal")
    public Boolean channelPostal;

    @Column(name = "channel_in_person")
    public Boolean channelInPerson;

    @Column(name = "postal_marks")
    public String postalMarks;

    @Column(name = "count_method")
    public String countMethod;

    public Integer seats;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Days after a declaration within which an appeal may be lodged (V22); null on a rulebook made before. */
    @Column(name = "appeals_window_days")
    public Integer appealsWindowDays;

    public static final int DEFAULT_APPEALS_WINDOW_DAYS = 7;

    /** The appeal window in days; a rulebook made before the rule has the default. */
    public int appealWindowDays() {
        return appealsWindowDays == null ? DEFAULT_APPEALS_WINDOW_DAYS : appealsWindowDays;
    }

    /** The final ballot's channels and count; online only and AV for one seat when the rulebook says nothing. */
    public BallotRules ballotRules() {
        return BallotRules.stored(this);
    }

    /** The fewest voters for which a meeting vote's record is published in full (older rulebooks: the default). */
    public int fewestPublishedVoters() {
        return minimumPublishedVoters == null ? StepRules.DEFAULT_MINIMUM_PUBLISHED_VOTERS : minimumPublishedVoters;
    }

    public static Uni<Rulebook> current(Selection selection) {
        return find("selectionId = ?1 and version = ?2", selection.id, selection.rulebookVersion).firstResult();
    }

    /** The rules of the steps before the final ballot; null on a rulebook made before they existed. */
    public StepRules stepRules() {
        return StepRules.stored(this);
    }

    /**
     * The rulebook as published: RFC 8785 canonical JSON, so every copy hashes the same. A ballot's public record
     * carries this text as it was when the ballot opened, and the verifier hashes it as an opaque object, so
     * members added here change no earlier record; a rulebook made before the steps existed publishes exactly
     * the members it always did.
     */
    public String toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", version);
        json.put("minimumMonths", minimumMonths);
        json.put("arrearsDisqualify", arrearsDisqualify);
        json.put("tieBreak", tieBreak);
        json.put("seed", seed);
        StepRules steps = stepRules();
        if (steps != null) {
            json.putAll(steps.json());
        }
        if (appealsWindowDays != null) {
            json.put("appeals", Map.of("windowDays", appealsWindowDays));
        }
        // Only when the rulebook set them: one made without them publishes exactly what it did before.
        if (countMethod != null) {
            json.putAll(ballotRules().json());
        }
        return CanonicalJson.write(json);
    }
}
