package org.nrm.referral.api;

/**
 * How the person was recruited: HTCDS 2.0's {@code vic_MethodOfRecruitment} picklist (HTCDS Field Standards 2.0,
 * UNMigration/HTCDS), value for value. Means of control are {@link Indicator}s, not recruitment methods.
 */
public enum RecruitmentMethod {
    AT_A_PLACE_OF_BUSINESS, AT_AN_EDUCATIONAL_INSTITUTION, AT_WORK, THROUGH_ONLINE_SOCIAL_NETWORKS,
    THROUGH_AN_ONLINE_ADVERTISEMENT, THROUGH_A_TELEVISION_ADVERT, THROUGH_A_NEWSPAPER_ADVERT,
    THROUGH_FAMILY_OR_FAMILY_EVENTS, THROUGH_FRIENDS_OR_SOCIAL_EVENTS, OTHER
}
