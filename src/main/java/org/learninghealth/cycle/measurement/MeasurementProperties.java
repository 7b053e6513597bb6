package org.learninghealth.cycle.measurement;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code learning-cycle.measurement.*}.
 *
 * @param dateOrder     how slashed dates are read: {@code MDY} (03/02/2026 is March 2) or {@code DMY}
 * @param maxRows       the most rows one submission may have (the data API answers 413 above it)
 * @param maxUploadSize the largest body or file the data API and the upload page take (413 above it)
 * @param fhir          the scheduled pull of FHIR MeasureReports
 */
@ConfigurationProperties("learning-cycle.measurement")
public record MeasurementProperties(DateOrder dateOrder, int maxRows, DataSize maxUploadSize, Fhir fhir) {

    /**
     * @param pullEvery      how often a project that names a FHIR server fetches new MeasureReports while it measures
     *                       (an ISO-8601 duration, the model's timer)
     * @param timeout        connect and read timeout of one request to the FHIR server
     * @param pageSize       MeasureReports asked for per page ({@code _count})
     * @param server         the hospital's FHIR server, for projects whose plan names only the Measure
     * @param allowedServers base URLs a plan may name (prefixes); empty: any http(s) server
     */
    public record Fhir(Duration pullEvery, Duration timeout, int pageSize, String server, java.util.List<String> allowedServers) {

        public Fhir {
            allowedServers = allowedServers == null ? java.util.List.of() : allowedServers.stream().filter(s -> !s.isBlank()).toList();
        }
    }
}
