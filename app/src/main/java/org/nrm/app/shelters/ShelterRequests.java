package org.nrm.app.shelters;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Set;
import org.nrm.referral.api.ShelterGroup;
import org.nrm.referral.api.ShelterType;
import org.nrm.referral.model.Shelter;

/** Bodies of the shelter endpoints (administration and placements). */
public final class ShelterRequests {

    /** At most this many beds in one shelter (a typo guard). */
    public static final int MAX_CAPACITY = 10_000;

    private ShelterRequests() {
    }

    private static boolean groupsFit(ShelterType type, Set<ShelterGroup> groups) {
        return type == null || groups == null || !groups.contains(ShelterGroup.CHILDREN) || Shelter.childSafe(type);
    }

    /** {@code POST /api/admin/shelters}; {@code groups} empty or absent: the type's own group. */
    public record Registration(
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,47}",
                    message = "must be 1 to 48 lower-case letters, digits or dashes") String shelterId,
            @NotBlank @Size(max = 200) String name,
            @NotNull ShelterType type,
            @NotNull @Min(0) @Max(MAX_CAPACITY) Integer capacity,
            Set<@NotNull ShelterGroup> groups,
            @Size(max = 500) String address) {

        @io.swagger.v3.oas.annotations.media.Schema(hidden = true) // a check, not a property of the body
        @AssertTrue(message = "must not include CHILDREN for an adult shelter")
        public boolean isGroupsValid() {
            return groupsFit(type, groups);
        }
    }

    /** {@code PUT /api/admin/shelters/{id}}: everything an administrator may change, all of it. */
    public record Replacement(
            @NotBlank @Size(max = 200) String name,
            @NotNull @Min(0) @Max(MAX_CAPACITY) Integer capacity,
            @NotEmpty Set<@NotNull ShelterGroup> groups,
            @NotBlank @Size(max = 500) String address) {
    }

    /** {@code PATCH /api/admin/shelters/{id}}: only what is given changes. */
    public record Change(
            @Size(min = 1, max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Min(0) @Max(MAX_CAPACITY) Integer capacity,
            @Size(min = 1) Set<@NotNull ShelterGroup> groups,
            @Size(min = 1, max = 500) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String address) {

        @io.swagger.v3.oas.annotations.media.Schema(hidden = true) // a check, not a property of the body
        @AssertTrue(message = "must name at least one of name, capacity, groups, address")
        public boolean isChangeValid() {
            return name != null || capacity != null || groups != null || address != null;
        }
    }

    /** {@code POST /api/admin/shelters/{id}/retirement}. */
    public record Retirement(@Size(max = 2_000) String reason) {
    }

    /** {@code POST /api/cases/{id}/placement/move-out}. */
    public record MoveOut(@Size(max = 2_000) String note) {
    }

    /** The exception a child's best-interests assessment recorded for a placement outside a children's shelter. */
    public record ChildPlacementException(@NotBlank @Size(max = 10_000) String reason) {
    }

    /** {@code POST /api/cases/{id}/placement/transfer}. */
    public record Transfer(@NotBlank @Size(max = 64) String shelterId, Boolean withFamily,
                           @Valid ChildPlacementException childPlacementException, @Size(max = 2_000) String note) {
    }
}
