package org.learninghealth.cycle.measurement;

import java.util.Locale;

/** The forms data arrive in, by the media type they are sent with. */
public enum MeasurementFormat {
    CSV("text/csv"), TSV("text/tab-separated-values"), XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    JSON("application/json"), FHIR("application/fhir+json");

    private final String mediaType;

    MeasurementFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** @return the format of a {@code Content-Type}, or {@code null} when it is none of ours ({@code text/plain} is read as text) */
    public static MeasurementFormat of(String contentType) {
        if (contentType == null) {
            return null;
        }
        String type = contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (type.equals("text/plain")) {
            return CSV;
        }
        for (MeasurementFormat format : values()) {
            if (format.mediaType.equals(type)) {
                return format;
            }
        }
        return null;
    }

    /** By a file's name, for the upload page. */
    public static MeasurementFormat ofFileName(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        return n.endsWith(".xlsx") ? XLSX : n.endsWith(".tsv") || n.endsWith(".tab") ? TSV : n.endsWith(".json") ? JSON : CSV;
    }
}
