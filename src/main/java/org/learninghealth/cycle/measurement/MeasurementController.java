package org.learninghealth.cycle.measurement;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.learninghealth.cycle.system.ApiException;
import org.learninghealth.cycle.system.JsonOrCsv;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The data API: {@code POST /api/cycles/{key}/measurements} takes CSV, TSV, XLSX, JSON or FHIR JSON and answers what
 * it stored; {@code POST .../measurements/preview} answers what it would store (the upload page);
 * {@code GET .../measurements} lists what is stored (JSON, or CSV with {@code format=csv}).
 */
@RestController
@RequestMapping("/api/cycles/{projectKey}/measurements")
public class MeasurementController {

    static final List<String> CSV_COLUMNS = List.of("period", "unit", "numerator", "denominator", "value", "note", "excluded", "recordedBy", "recordedAt");

    private final MeasurementIntakeService intake;
    private final MeasurementRepository repository;
    private final MeasurementProperties properties;

    public MeasurementController(MeasurementIntakeService intake, MeasurementRepository repository, MeasurementProperties properties) {
        this.intake = intake;
        this.repository = repository;
        this.properties = properties;
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> submit(@PathVariable String projectKey, @RequestParam(required = false) Integer cycle,
                                      @RequestParam(required = false) String sheet, @RequestParam(required = false) String fileName,
                                      HttpServletRequest request) {
        MeasurementIntakeService.Stored stored = intake.submit(projectKey, cycle, submission(request, sheet, fileName));
        MeasurementUpload u = stored.upload();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("cycle", u.cycle());
        answer.put("stored", u.stored());
        answer.put("updated", u.updated());
        answer.put("unchanged", u.unchanged());
        answer.put("from", u.from());
        answer.put("to", u.to());
        answer.put("units", u.units());
        answer.put("warnings", stored.warnings());
        return answer;
    }

    @PostMapping(value = "/preview", produces = MediaType.APPLICATION_JSON_VALUE)
    public MeasurementIntakeService.Preview preview(@PathVariable String projectKey, @RequestParam(required = false) Integer cycle,
                                                    @RequestParam(required = false) String sheet, @RequestParam(required = false) String fileName,
                                                    HttpServletRequest request) {
        return intake.preview(projectKey, cycle, submission(request, sheet, fileName));
    }

    @GetMapping
    public ResponseEntity<?> stored(@PathVariable String projectKey, @RequestParam(required = false) Integer cycle,
                                    @RequestParam(defaultValue = "json") String format) {
        List<StoredMeasurement> rows = intake.stored(projectKey, cycle);
        return JsonOrCsv.answer(format, rows, projectKey + "-measurements.csv", () -> csv(rows));
    }

    /** Periods, rows per unit and the last upload, for the upload page and the task form. */
    @GetMapping("/summary")
    public MeasurementRepository.Summary summary(@PathVariable String projectKey, @RequestParam(required = false) Integer cycle) {
        return intake.summary(projectKey, cycle);
    }

    private MeasurementIntakeService.Submission submission(HttpServletRequest request, String sheet, String fileName) {
        MeasurementFormat format = MeasurementFormat.of(request.getContentType());
        if (format == null) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + request.getContentType() + "' is not one the data API reads; send "
                    + String.join(", ", java.util.Arrays.stream(MeasurementFormat.values()).map(MeasurementFormat::mediaType).toList()) + ".");
        }
        String source = fileName != null ? "file" : format == MeasurementFormat.FHIR ? "fhir" : "api";
        return new MeasurementIntakeService.Submission(source, fileName, format, body(request), sheet == null || sheet.isBlank() ? null : sheet);
    }

    /** The body, refused with 413 above the configured size before more of it is read. */
    private byte[] body(HttpServletRequest request) {
        long max = properties.maxUploadSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (body.length > max) {
                throw tooLarge(max);
            }
            if (body.length == 0) {
                throw ApiException.badRequest("The body is empty: send the measurements as CSV, TSV, XLSX, JSON or FHIR JSON.");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ApiException tooLarge(long max) {
        return new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "The body is larger than " + max / (1024 * 1024)
                + " MB, the most one submission may have (learning-cycle.measurement.max-upload-size); send it in parts.");
    }

    static String csv(List<StoredMeasurement> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get())) {
            for (StoredMeasurement r : rows) {
                printer.printRecord(r.period(), r.unit(), r.numerator(), r.denominator(), r.value(), r.note(), r.excluded(), r.recordedBy(), r.recordedAt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
