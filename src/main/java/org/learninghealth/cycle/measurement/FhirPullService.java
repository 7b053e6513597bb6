package org.learninghealth.cycle.measurement;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MeasureReport;
import org.springframework.stereotype.Service;

/**
 * Fetches a Measure's MeasureReports from a FHIR R4 server with HAPI's generic client, page by page, updated since
 * the last successful pull. Knows nothing of Camunda.
 */
@Service
public class FhirPullService {

    private final MeasurementProperties.Fhir properties;
    private final FhirContext context;
    private final int maxRows;

    public FhirPullService(MeasurementProperties properties) {
        this.properties = properties.fhir();
        this.maxRows = properties.maxRows();
        this.context = FhirContext.forR4();
        this.context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        this.context.getRestfulClientFactory().setConnectTimeout((int) this.properties.timeout().toMillis());
        this.context.getRestfulClientFactory().setSocketTimeout((int) this.properties.timeout().toMillis());
    }

    /** The server a project pulls from: its own, else the configured one; {@code null} when it names no Measure. */
    public String serverFor(String projectServer, String measure) {
        if (measure == null || measure.isBlank()) {
            return null;
        }
        return projectServer != null && !projectServer.isBlank() ? projectServer.trim() : blankToNull(properties.server());
    }

    /** @return why the plan's FHIR source cannot be used, or {@code null} when it can (or names none) */
    public String problemWith(String server, String measure) {
        boolean hasServer = server != null && !server.isBlank(), hasMeasure = measure != null && !measure.isBlank();
        if (!hasServer && !hasMeasure) {
            return null;
        }
        if (!hasMeasure) {
            return "Name the Measure's canonical URL too, so the app knows which MeasureReports to fetch from " + server.trim() + ".";
        }
        String base = serverFor(server, measure);
        if (base == null) {
            return "Name the FHIR server's base URL: no default server is configured (learning-cycle.measurement.fhir.server).";
        }
        if (!isHttpUrl(base)) {
            return "The FHIR server '" + base + "' is not an http(s) URL like https://fhir.hospital.org/r4.";
        }
        if (!properties.allowedServers().isEmpty() && properties.allowedServers().stream().noneMatch(base::startsWith)) {
            return "The FHIR server " + base + " is not one the hospital allows (" + String.join(", ", properties.allowedServers()) + ").";
        }
        return isHttpUrl(measure.trim()) || measure.trim().startsWith("urn:") ? null
                : "The Measure '" + measure.trim() + "' is not a canonical URL like https://fhir.hospital.org/Measure/falls.";
    }

    /** Every MeasureReport of the Measure updated since {@code since} (all of them when {@code null}), following the paging links. */
    public List<MeasureReport> fetch(String server, String measure, Instant since) {
        IGenericClient client = context.newRestfulGenericClient(server);
        var query = client.search().forResource(MeasureReport.class).where(new ReferenceClientParam(MeasureReport.SP_MEASURE).hasId(measure))
                .count(properties.pageSize());
        if (since != null) {
            query = query.lastUpdated(new DateRangeParam(Date.from(since), null));
        }
        Bundle page = query.returnBundle(Bundle.class).execute();
        List<MeasureReport> reports = new ArrayList<>();
        while (true) {
            page.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(MeasureReport.class::isInstance)
                    .map(MeasureReport.class::cast).forEach(reports::add);
            if (reports.size() > maxRows) {
                throw new MeasurementTooLargeException("The FHIR server returned more than " + maxRows + " MeasureReports in one pull.");
            }
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                return reports;
            }
            page = client.loadPage().next(page).execute();
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
