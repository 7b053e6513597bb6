package org.learninghealth.cycle.measurement;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.EmptyFileException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.ss.util.NumberToTextConverter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * An Excel workbook (.xlsx), read with Apache POI's streaming reader from a temporary copy of the file, so that
 * neither the unpacked sheet nor a tree of it is held in memory. Formulas give their cached results, date cells become ISO dates, a merged cell's value fills every row
 * it spans. POI's zip-bomb guard (inflate ratio) and an entry-size cap refuse hostile files; a password-protected
 * workbook or an old .xls is named as such.
 */
public final class XlsxTable {

    /** No part of a workbook may unpack larger than this (a sheet of 200,000 rows is about 30 MB of XML). */
    static final long MAX_ENTRY_BYTES = 200L * 1024 * 1024;

    static {
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    private XlsxTable() {
    }

    /** The names of the workbook's sheets, in order. */
    public static List<String> sheets(byte[] workbook) {
        try (Opened opened = open(workbook)) {
            List<String> names = new ArrayList<>();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) new XSSFReader(opened.pkg()).getSheetsData();
            while (it.hasNext()) {
                try (InputStream ignored = it.next()) {
                    names.add(it.getSheetName());
                }
            }
            return names;
        } catch (IOException | OpenXML4JException e) {
            throw unreadable(e);
        }
    }

    /**
     * @param sheet the sheet to read, or {@code null} for the first
     * @throws MeasurementTooLargeException above {@code maxRows} rows
     */
    public static MeasurementTable read(byte[] workbook, String sheet, int maxRows) {
        try (Opened opened = open(workbook)) {
            XSSFReader reader = new XSSFReader(opened.pkg());
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(opened.pkg(), false);
            StylesTable styles = reader.getStylesTable();
            List<String> names = new ArrayList<>();
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (it.hasNext()) {
                try (InputStream in = it.next()) {
                    String name = it.getSheetName();
                    names.add(name);
                    if (sheet == null || sheet.equals(name)) {
                        Cells cells = new Cells(name, maxRows);
                        parse(in, new XSSFSheetXMLHandler(styles, null, strings, cells, new IsoDates(), false));
                        fillMerged(reader, name, cells);
                        return new MeasurementTable(cells.rows(), false);
                    }
                }
            }
            throw new MeasurementDataException(List.of(names.isEmpty() ? "the workbook has no sheet"
                    : "the workbook has no sheet '" + sheet + "'; its sheets are " + String.join(", ", names)));
        } catch (IOException | OpenXML4JException | SAXException e) {
            throw unreadable(e);
        }
    }

    private static Opened open(byte[] workbook) {
        FileMagic magic;
        try {
            magic = FileMagic.valueOf(workbook);
        } catch (EmptyFileException e) {
            throw new MeasurementDataException(List.of("the file is empty"));
        }
        if (magic == FileMagic.OLE2) {
            throw new MeasurementDataException(List.of(encrypted(workbook)
                    ? "the workbook is password-protected; save a copy without a password (File > Info > Protect Workbook) and upload that"
                    : "the file is an old Excel 97-2003 workbook (.xls); save it as an Excel workbook (.xlsx) or as CSV"));
        }
        if (magic != FileMagic.OOXML) {
            throw new MeasurementDataException(List.of("the file is not an Excel workbook (.xlsx); upload .xlsx, .csv or .tsv"));
        }
        // from a file, POI reads each part from disk as it goes; from a stream it would unpack every part into memory
        Path copy = null;
        try {
            copy = Files.createTempFile("lc-upload-", ".xlsx");
            Files.write(copy, workbook);
            return new Opened(OPCPackage.open(copy.toFile(), PackageAccess.READ), copy);
        } catch (IOException | InvalidFormatException | RuntimeException e) {
            deleteQuietly(copy);
            throw unreadable(e);
        }
    }

    /** An open workbook read from its temporary copy; closing it deletes the copy. */
    private record Opened(OPCPackage pkg, Path copy) implements AutoCloseable {
        @Override
        public void close() {
            try {
                pkg.revert();
            } finally {
                deleteQuietly(copy);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                file.toFile().deleteOnExit();
            }
        }
    }

    private static boolean encrypted(byte[] workbook) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(workbook))) {
            return fs.getRoot().hasEntry("EncryptedPackage") || fs.getRoot().hasEntry("EncryptionInfo");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static MeasurementDataException unreadable(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.toLowerCase(Locale.ROOT).contains("zip bomb") || message.contains("exceeds the max entry size")) {
            return new MeasurementDataException(List.of("the workbook unpacks to far more than it holds (a zip bomb, or a sheet larger than "
                    + MAX_ENTRY_BYTES / (1024 * 1024) + " MB); it was not read"));
        }
        return new MeasurementDataException(List.of("the workbook cannot be read (" + message.lines().findFirst().orElse("") + ")"));
    }

    private static void parse(InputStream in, DefaultHandler handler) throws IOException, SAXException {
        XMLReader xml;
        try {
            xml = XMLHelper.newXMLReader();
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        xml.setContentHandler(handler);
        xml.parse(new InputSource(in));
    }

    /** A merged range keeps its value in the top-left cell only; every cell it spans gets it, as a person reads it. */
    private static void fillMerged(XSSFReader reader, String sheet, Cells cells) throws IOException, OpenXML4JException, SAXException {
        List<CellRangeAddress> merged = new ArrayList<>();
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (it.hasNext()) {
            try (InputStream in = it.next()) {
                if (it.getSheetName().equals(sheet)) {
                    parse(in, new DefaultHandler() {
                        @Override
                        public void startElement(String uri, String localName, String qName, Attributes attributes) {
                            if ("mergeCell".equals(localName) && attributes.getValue("ref") != null) {
                                merged.add(CellRangeAddress.valueOf(attributes.getValue("ref")));
                            }
                        }
                    });
                    break;
                }
            }
        }
        merged.forEach(cells::fill);
    }

    /** Cell text: date-formatted numbers as ISO dates, other numbers as plain decimals (no grouping or percent). */
    private static final class IsoDates extends DataFormatter {
        IsoDates() {
            super(Locale.ROOT);
        }

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                return DateUtil.getLocalDateTime(value).toLocalDate().toString();
            }
            return NumberToTextConverter.toText(value);
        }
    }

    /** Collects the rows of one sheet with their Excel row numbers. */
    private static final class Cells implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final String sheet;
        private final int maxRows;
        private final List<Integer> numbers = new ArrayList<>();
        private final List<List<String>> values = new ArrayList<>();
        private List<String> current;

        Cells(String sheet, int maxRows) {
            this.sheet = sheet;
            this.maxRows = maxRows;
        }

        @Override
        public void startRow(int rowNum) {
            if (values.size() >= maxRows) {
                throw new MeasurementTooLargeException("The sheet '" + sheet + "' has more than " + maxRows
                        + " rows, the most one submission may have; send it in parts (each part is merged into what is stored).");
            }
            current = new ArrayList<>();
            numbers.add(rowNum);
            values.add(current);
        }

        @Override
        public void endRow(int rowNum) {
        }

        @Override
        public void cell(String reference, String formatted, XSSFComment comment) {
            int column = reference == null ? current.size() : new CellReference(reference).getCol();
            while (current.size() < column) {
                current.add("");
            }
            current.add(formatted == null ? "" : formatted);
        }

        void fill(CellRangeAddress range) {
            int top = numbers.indexOf(range.getFirstRow());
            if (top < 0 || range.getFirstColumn() >= values.get(top).size()) {
                return;
            }
            String value = values.get(top).get(range.getFirstColumn());
            for (int i = top; i < numbers.size() && numbers.get(i) <= range.getLastRow(); i++) {
                List<String> row = values.get(i);
                for (int c = range.getFirstColumn(); c <= range.getLastColumn(); c++) {
                    while (row.size() <= c) {
                        row.add("");
                    }
                    row.set(c, value);
                }
            }
        }

        List<MeasurementTable.Row> rows() {
            List<MeasurementTable.Row> rows = new ArrayList<>(values.size());
            for (int i = 0; i < values.size(); i++) {
                rows.add(new MeasurementTable.Row("sheet '" + sheet + "' row " + (numbers.get(i) + 1), values.get(i)));
            }
            return rows;
        }
    }
}
