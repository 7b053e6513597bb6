package org.learninghealth.cycle.measurement;

/** How a slashed date such as {@code 03/04/2026} is read: month first (US) or day first (most of Europe). */
public enum DateOrder {
    MDY, DMY
}
