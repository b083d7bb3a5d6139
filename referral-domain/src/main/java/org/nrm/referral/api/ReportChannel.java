package org.nrm.referral.api;

/** How a report from the public came in: the public web form, a hotline operator, or another way. */
public enum ReportChannel { WEB, HOTLINE, OTHER }
