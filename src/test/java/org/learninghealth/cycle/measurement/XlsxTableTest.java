package org.learninghealth.cycle.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** Workbooks as people and hostile senders make them, written with POI in the test. */
public class XlsxTableTest {

    private final MeasurementReader reader = new MeasurementReader(MeasureType.PROPORTION, List.of("4 West", "5 East"), DateOrder.MDY);

    /** Header, dates as date cells, a formula numerator with its cached value, an empty row, the unit merged over two rows. */
    public static byte[] fallsWorkbook() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("Read me").createRow(0).createCell(0).setCellValue("Falls per unit, weekly");
            Sheet sheet = wb.createSheet("Falls");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("m/d/yy"));
            Row header = sheet.createRow(0);
            String[] names = {"Period", "Unit", "Numerator", "Denominator", "Note"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            Object[][] rows = {{LocalDate.of(2026, 1, 5), "4 West", "=2+3", 50}, {LocalDate.of(2026, 1, 12), null, 7, 48}, null,
                    {LocalDate.of(2026, 1, 5), "5 East", 4, 40, "new bed alarms"}};
            for (int r = 0; r < rows.length; r++) {
                if (rows[r] == null) {
                    continue;
                }
                Row row = sheet.createRow(r + 1);
                row.createCell(0).setCellValue((LocalDate) rows[r][0]);
                row.getCell(0).setCellStyle(date);
                if (rows[r][1] != null) {
                    row.createCell(1).setCellValue((String) rows[r][1]);
                }
                if (rows[r][2] instanceof String formula) {
                    row.createCell(2).setCellFormula(formula.substring(1));
                } else {
                    row.createCell(2).setCellValue(((Number) rows[r][2]).doubleValue());
                }
                row.createCell(3).setCellValue(((Number) rows[r][3]).doubleValue());
                if (rows[r].length > 4) {
                    row.createCell(4).setCellValue((String) rows[r][4]);
                }
            }
            sheet.addMergedRegion(CellRangeAddress.valueOf("B2:B3"));
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void readsDatesCachedFormulaResultsMergedCellsAndSkipsEmptyRows() throws IOException {
        byte[] workbook = fallsWorkbook();
        assertThat(XlsxTable.sheets(workbook)).containsExactly("Read me", "Falls");
        List<MeasurementRow> rows = reader.read(XlsxTable.read(workbook, "Falls", 100));
        assertThat(rows).containsExactly(
                new MeasurementRow("4 West", MeasurementPoint.ratio(LocalDate.of(2026, 1, 5), 5, 50)),
                new MeasurementRow("4 West", MeasurementPoint.ratio(LocalDate.of(2026, 1, 12), 7, 48)),
                new MeasurementRow("5 East", MeasurementPoint.ratio(LocalDate.of(2026, 1, 5), 4, 40).withNote("new bed alarms")));
        assertThatThrownBy(() -> XlsxTable.read(workbook, "Beds", 100)).hasMessageContaining("the workbook has no sheet 'Beds'; its sheets are Read me, Falls");
    }

    @Test
    void textInANumberCellIsNamedBySheetAndRow() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("Data");
            Row row = sheet.createRow(3);
            row.createCell(0).setCellValue("2026-01-05");
            row.createCell(1).setCellValue("twelve");
            row.createCell(2).setCellValue(50);
            wb.write(out);
            assertThatThrownBy(() -> reader.read(XlsxTable.read(out.toByteArray(), null, 100)))
                    .hasMessageContaining("sheet 'Data' row 4: numerator 'twelve' is not a number");
        }
    }

    @Test
    void aZipBombIsRefusedBeforeItIsUnpacked() throws IOException {
        // a real workbook whose sheet is replaced by 60 MB of spaces inside valid XML: it packs to a few kilobytes
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(fallsWorkbook())); ZipOutputStream out = new ZipOutputStream(bomb)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                out.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals("xl/worksheets/sheet2.xml")) {
                    out.write("<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1 << 20];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 60; i++) {
                        out.write(spaces);
                    }
                    out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
                } else {
                    in.transferTo(out);
                }
                out.closeEntry();
            }
        }
        assertThat(bomb.size()).isLessThan(1_000_000);
        assertThatThrownBy(() -> XlsxTable.read(bomb.toByteArray(), "Falls", 100)).isInstanceOf(MeasurementDataException.class)
                .hasMessageContaining("zip bomb");
    }

    @Test
    void aPasswordProtectedWorkbookOrAnOldXlsGetsAClearRefusal() throws Exception {
        POIFSFileSystem fs = new POIFSFileSystem();
        Encryptor encryptor = new EncryptionInfo(EncryptionMode.standard).getEncryptor();
        encryptor.confirmPassword("secret");
        try (OutputStream os = encryptor.getDataStream(fs)) {
            os.write(fallsWorkbook());
        }
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        fs.writeFilesystem(encrypted);
        assertThatThrownBy(() -> XlsxTable.read(encrypted.toByteArray(), null, 100)).isInstanceOf(MeasurementDataException.class)
                .hasMessageContaining("password-protected");
        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        new POIFSFileSystem().writeFilesystem(xls);
        assertThatThrownBy(() -> XlsxTable.read(xls.toByteArray(), null, 100)).hasMessageContaining("old Excel 97-2003 workbook (.xls)");
        assertThatThrownBy(() -> XlsxTable.read("period,value".getBytes(StandardCharsets.UTF_8), null, 100)).hasMessageContaining("not an Excel workbook");
    }

    @Test
    void aSheetAboveTheRowLimitIsTooLarge() throws IOException {
        assertThatThrownBy(() -> XlsxTable.read(fallsWorkbook(), "Falls", 2)).isInstanceOf(MeasurementTooLargeException.class)
                .hasMessageContaining("more than 2 rows");
    }
}
