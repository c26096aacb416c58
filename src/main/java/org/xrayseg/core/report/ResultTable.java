package org.xrayseg.core.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.xrayseg.core.io.AtomicOutput;

/**
 * A small table of results (one text column, then numbers or text) that the
 * front ends show their own way: an ImageJ ResultsTable in Fiji, aligned text
 * and CSV on the command line.
 */
public final class ResultTable {

	private final String title;
	private final List<String> columns;
	private final List<Object[]> rows = new ArrayList<>();

	public ResultTable(final String title, final String... columns) {
		this.title = title;
		this.columns = List.of(columns);
	}

	/** Adds a row; values are String or Number (NaN shows as empty). */
	public ResultTable add(final Object... values) {
		if (values.length != columns.size()) throw new IllegalArgumentException("Expected " + columns.size() +
			" values");
		rows.add(values.clone());
		return this;
	}

	/** @return the same columns and rows under another title */
	public ResultTable titled(final String newTitle) {
		final ResultTable t = new ResultTable(newTitle, columns.toArray(new String[0]));
		t.rows.addAll(rows);
		return t;
	}

	public String title() {
		return title;
	}

	public List<String> columns() {
		return columns;
	}

	public int rowCount() {
		return rows.size();
	}

	/** @return the value at {@code row} of the column called {@code column} */
	public Object get(final int row, final String column) {
		final int c = columns.indexOf(column);
		if (c < 0) throw new IllegalArgumentException("No column " + column);
		return rows.get(row)[c];
	}

	/** @return the cell as text: numbers with 4 decimals (integers without), NaN empty, infinity inf */
	public String text(final int row, final int column) {
		final Object v = rows.get(row)[column];
		if (v instanceof Double || v instanceof Float) {
			final double d = ((Number) v).doubleValue();
			if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
			return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d);
		}
		return String.valueOf(v);
	}

	/** @return the table as aligned plain text, a header line first */
	public String toText() {
		final int[] widths = new int[columns.size()];
		for (int c = 0; c < widths.length; c++) {
			widths[c] = columns.get(c).length();
			for (int r = 0; r < rows.size(); r++)
				widths[c] = Math.max(widths[c], text(r, c).length());
		}
		final StringBuilder sb = new StringBuilder();
		appendLine(sb, widths, columns.toArray(new String[0]));
		for (int r = 0; r < rows.size(); r++) {
			final String[] cells = new String[widths.length];
			for (int c = 0; c < widths.length; c++)
				cells[c] = text(r, c);
			appendLine(sb, widths, cells);
		}
		return sb.toString();
	}

	private static void appendLine(final StringBuilder sb, final int[] widths, final String[] cells) {
		for (int c = 0; c < cells.length; c++) {
			final String pad = " ".repeat(widths[c] - cells[c].length());
			sb.append(c == 0 ? cells[c] + pad : "  " + pad + cells[c]);
		}
		sb.append('\n');
	}

	/** @return the table as CSV (comma-separated, quoted where needed, full precision; infinity as inf, NaN empty) */
	public String toCsv() {
		final StringBuilder sb = new StringBuilder();
		sb.append(String.join(",", columns.stream().map(ResultTable::quote).toArray(String[]::new))).append('\n');
		for (final Object[] row : rows) {
			sb.append(String.join(",", Arrays.stream(row).map(v -> v instanceof Number ? csvNumber((Number) v)
				: quote(String.valueOf(v))).toArray(String[]::new))).append('\n');
		}
		return sb.toString();
	}

	/** Writes the CSV to {@code file} atomically. */
	public void writeCsv(final Path file, final boolean overwrite) {
		try (AtomicOutput out = AtomicOutput.file(file, overwrite)) {
			try (Writer w = Files.newBufferedWriter(out.temporary(), StandardCharsets.UTF_8)) {
				w.write(toCsv());
			}
			catch (final IOException e) {
				throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
			}
			out.commit();
		}
	}

	private static String csvNumber(final Number n) {
		if (n instanceof Double && ((Double) n).isNaN()) return "";
		if (n instanceof Double && ((Double) n).isInfinite()) return (Double) n > 0 ? "inf" : "-inf";
		return n.toString();
	}

	private static String quote(final String s) {
		return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
	}
}
