package org.learninghealth.cycle.system;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The answer of a list endpoint that offers {@code format=json} (the default) and {@code format=csv} (a download). */
public final class JsonOrCsv {

    private JsonOrCsv() {
    }

    /**
     * @param fileName the download's name for CSV
     * @param csv      writes the CSV, only when asked for
     */
    public static ResponseEntity<?> answer(String format, Object json, String fileName, Supplier<String> csv) {
        if (format.equalsIgnoreCase("csv")) {
            return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName + "\"").body(csv.get());
        }
        if (!format.equalsIgnoreCase("json")) {
            throw ApiException.badRequest("format must be json or csv, was '" + format + "'.");
        }
        return ResponseEntity.ok(json);
    }
}
