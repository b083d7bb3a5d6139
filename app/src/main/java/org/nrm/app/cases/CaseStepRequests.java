package org.nrm.app.cases;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Set;
import org.nrm.app.referral.ConsistentExploitationDetails;
import org.nrm.app.referral.CountryCode;
import org.nrm.referral.api.AgeBand;
import org.nrm.referral.api.ExploitationDetails;
import org.nrm.referral.api.ExploitationDuration;
import org.nrm.referral.api.LabourSector;
import org.nrm.referral.api.RecruiterRelation;
import org.nrm.referral.api.RecruitmentMethod;
import org.nrm.referral.api.SexualExploitationForm;
import org.nrm.referral.api.BorderCrossingDocuments;
import org.nrm.referral.api.DisqualificationGround;
import org.nrm.referral.api.ExploitationLocation;
import org.nrm.referral.api.ExploitationType;
import org.nrm.referral.api.GuardianReplacementGround;
import org.nrm.referral.api.Indicator;

/** Bodies of the steps of {@code CaseStepsController}. Free text is personal data: encrypted with the person's key. */
public final class CaseStepRequests {

    private CaseStepRequests() {
    }

    /**
     * The identification as it now reads (it replaces the one recorded so far). {@code exploitationDetails}, optional,
     * replaces the circumstances recorded at referral as a whole (bands and codes, as the referral stores them);
     * without it they stay, and the case refuses an identification they no longer agree with (409
     * {@code exploitation-details-disagree}: countries abroad for an exploitation now domestic, say).
     */
    @ConsistentIdentification
    public record Identification(@NotEmpty @Size(max = 10) Set<@NotNull ExploitationType> exploitationTypes,
                                 @NotNull ExploitationLocation exploitationLocation,
                                 @NotNull @Size(max = 30) Set<@NotNull Indicator> indicators,
                                 @Valid ExploitationDetailsCorrection exploitationDetails) {

        public Identification(Set<ExploitationType> exploitationTypes, ExploitationLocation exploitationLocation,
                              Set<Indicator> indicators) {
            this(exploitationTypes, exploitationLocation, indicators, null);
        }
    }

    /** The circumstances of the exploitation as an identification corrects them: the referral's bands and codes. */
    public record ExploitationDetailsCorrection(AgeBand ageAtExploitation,
                                                ExploitationDuration duration,
                                                @Size(max = 20) List<@NotNull @CountryCode String> countriesOfExploitation,
                                                @Size(max = 6) Set<@NotNull RecruiterRelation> recruiterRelations,
                                                @Size(max = 10) Set<@NotNull RecruitmentMethod> recruitmentMethods,
                                                @Size(max = 12) Set<@NotNull LabourSector> labourSectors,
                                                @Size(max = 4) Set<@NotNull SexualExploitationForm>
                                                        sexualExploitationForms) {

        /** As the case records them (countries once each). */
        public ExploitationDetails toDetails() {
            return new ExploitationDetails(ageAtExploitation, duration, countriesOfExploitation == null ? null
                    : countriesOfExploitation.stream().distinct().toList(), recruiterRelations, recruitmentMethods,
                    labourSectors, sexualExploitationForms);
        }
    }

    /**
     * The given {@code exploitationDetails} agree with the identification they come with (the referral's rules,
     * {@link ExploitationDetails#disagreementsWith}); each one broken names its field.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = ConsistentIdentification.Check.class)
    public @interface ConsistentIdentification {

        String message() default "is inconsistent with the identification";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<ConsistentIdentification, Identification> {

            @Override
            public boolean isValid(Identification body, ConstraintValidatorContext context) {
                ExploitationDetailsCorrection d = body == null ? null : body.exploitationDetails();
                if (d == null || ConsistentExploitationDetails.Check.holdsNull(d.countriesOfExploitation(),
                        d.recruiterRelations(), d.recruitmentMethods(), d.labourSectors(),
                        d.sexualExploitationForms())) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                return ConsistentExploitationDetails.Check.report(context,
                        d.toDetails().disagreementsWith(body.exploitationTypes(), body.exploitationLocation()));
            }
        }
    }

    /** {@code borderPoint}: where the person crossed (optional; a place, sealed). */
    public record TravelDocuments(@NotNull BorderCrossingDocuments documents, @Size(max = 2_000) String notes,
                                  @Size(max = 200) String borderPoint) {
    }

    public record GuardianReplacement(@NotBlank @Size(max = 200) String guardianName,
                                      @NotNull GuardianReplacementGround ground,
                                      @NotBlank @Size(max = 2_000) String reason) {
    }

    public record Disqualification(@NotNull DisqualificationGround ground,
                                   @NotBlank @Size(max = 10_000) String reasons) {
    }

    public record MoveOnSupportEnd(@NotBlank @Size(max = 2_000) String reason) {
    }

    public record Reopening(@NotBlank @Size(max = 2_000) String reason) {
    }

    /** {@code validUntil}: an ISO-8601 date (valid through that day) or instant, as at the grant. */
    public record PermitRenewal(@NotBlank @Size(max = 40) String validUntil) {
    }

    public record PermitRevocation(@NotBlank @Size(max = 10_000) String reasons) {
    }
}
