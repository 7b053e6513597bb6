package org.learninghealth.cycle.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.learninghealth.cycle.project.CycleVariables.UNITS;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.learninghealth.cycle.CycleSteps;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * On demand ({@code ./mvnw -Pbenchmark test -Dtest=MeasurementUploadBenchmark -DargLine="-XX:+UseSerialGC -Xmn32m"}, add
 * {@code -Dlc.test.database=postgres} for PostgreSQL; the small young generation makes the heap's peak live data, not
 * garbage awaiting a collection): the data API takes 3,653 daily rows (10 years, one series) and 100,000 rows (27 units x 3,704
 * days) as CSV and as XLSX. Printed per upload: time until stored (the answer), peak heap growth (the heap pools'
 * peaks during the upload over the heap in use before it, client and server share the JVM), SQL statements
 * (counted at the JDBC connection; a batch is one). Then the same file again (every row unchanged) and once more
 * with every value changed (updates and revisions). Targets: 100,000 rows in at most 10 s, heap growth at most
 * 256 MB, statements not growing with the rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(StatementCounter.class)
class MeasurementUploadBenchmark extends CycleSteps {

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Autowired TestRestTemplate rest;

    record Upload(String label, String contentType, byte[] body) {
    }

    private String project(int units) {
        Map<String, Object> challenge = challenge("Upload benchmark");
        challenge.put(UNITS, IntStream.rangeClosed(1, units).mapToObj(u -> "Unit " + u).collect(Collectors.joining(", ")));
        return projectKey(startProject("lead", challenge));
    }

    private static List<String[]> rows(int units, int days, int shift) {
        List<String[]> rows = new ArrayList<>(units * days);
        LocalDate first = LocalDate.of(2016, 1, 1);
        for (int d = 0; d < days; d++) {
            for (int u = 1; u <= units; u++) {
                int denominator = 40 + (d * 7 + u * 13) % 30;
                rows.add(new String[] {first.plusDays(d).toString(), units == 1 ? "" : "Unit " + u, String.valueOf((d + u + shift) % 9),
                        String.valueOf(denominator)});
            }
        }
        return rows;
    }

    private static byte[] csv(List<String[]> rows) {
        StringBuilder text = new StringBuilder(rows.size() * 32).append("period,unit,numerator,denominator\n");
        rows.forEach(r -> text.append(r[0]).append(',').append(r[1]).append(',').append(r[2]).append(',').append(r[3]).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] xlsx(List<String[]> rows) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Measurements");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
            Row header = sheet.createRow(0);
            String[] names = {"period", "unit", "numerator", "denominator"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            for (int r = 0; r < rows.size(); r++) {
                String[] v = rows.get(r);
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue(LocalDate.parse(v[0]));
                row.getCell(0).setCellStyle(date);
                if (!v[1].isEmpty()) {
                    row.createCell(1).setCellValue(v[1]);
                }
                row.createCell(2).setCellValue(Double.parseDouble(v[2]));
                row.createCell(3).setCellValue(Double.parseDouble(v[3]));
            }
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        }
    }

    private static long heapUsed() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private String send(String key, Upload upload, String pass) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(upload.contentType()));
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        long before = heapUsed();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long statements = StatementCounter.STATEMENTS.get();
        long start = System.nanoTime();
        ResponseEntity<JsonNode> answer = rest.withBasicAuth("analyst", "analyst").exchange("/api/cycles/" + key + "/measurements", HttpMethod.POST,
                new HttpEntity<>(upload.body(), headers), JsonNode.class);
        double seconds = (System.nanoTime() - start) / 1e9;
        long sql = StatementCounter.STATEMENTS.get() - statements;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        JsonNode a = answer.getBody();
        return String.format(Locale.ROOT, "MeasurementUploadBenchmark %-22s %-9s %6.2f s, heap growth %4d MB, %3d SQL statements (stored %d, updated %d, unchanged %d; %.1f MB sent)",
                upload.label(), pass, seconds, (peak - before) / (1024 * 1024), sql, a.get("stored").asInt(), a.get("updated").asInt(),
                a.get("unchanged").asInt(), upload.body().length / 1e6);
    }

    @Test
    void tenYearsOfDailyRowsAndAHundredThousandRowsAsCsvAndXlsx() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int[] size : new int[][] {{1, 3653}, {27, 3704}}) {
            for (String format : List.of("CSV", "XLSX")) {
                List<String[]> first = rows(size[0], size[1], 0), changed = rows(size[0], size[1], 1);
                boolean csv = format.equals("CSV");
                Upload upload = new Upload(String.format(Locale.ROOT, "%,d rows %s", first.size(), format), csv ? "text/csv" : XLSX,
                        csv ? csv(first) : xlsx(first));
                Upload again = new Upload(upload.label(), upload.contentType(), csv ? csv(changed) : xlsx(changed));
                String key = project(size[0]);
                send(project(size[0]), upload, "warm-up");
                lines.add(send(key, upload, "new"));
                lines.add(send(key, upload, "resent"));
                lines.add(send(key, again, "changed"));
            }
        }
        lines.forEach(System.out::println);
    }
}
