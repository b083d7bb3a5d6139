package org.nrm.referral.api;

/** Why a person's placement in a shelter ended (the bed is free again). */
public enum PlacementEndReason {
    /** The shelter recorded that the person moved out. */
    MOVED_OUT,
    /** The person moved to another shelter. */
    TRANSFERRED,
    /** The person departed on a voluntary return. */
    RETURNED,
    /** Integration was chosen as the durable solution, or the person's support ended. */
    INTEGRATED,
    /** The case was closed. */
    CASE_CLOSED
}
