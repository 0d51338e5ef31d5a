using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Analysis;

namespace Distill.Reporting;

/// <summary>How numbers look in rendered tables.</summary>
/// <param name="DecimalPlaces">Digits after the point for floating-point cells; 3 shows an F1 to a tenth of a point.</param>
internal sealed record TableFormat(int DecimalPlaces = 3);

/// <summary>
/// Renders a <see cref="DataFrame"/> as GitHub Markdown, RFC 4180 CSV or an HTML table. Numbers use the
/// invariant culture; nulls are empty cells. CSV keeps full precision (it is for machines); Markdown and
/// HTML round floating-point cells to <see cref="TableFormat.DecimalPlaces"/>.
/// </summary>
internal static class TableRendering
{
    public static string ToMarkdown(DataFrame frame, TableFormat? format = null)
    {
        format ??= new TableFormat();
        var sb = new StringBuilder();
        var columns = frame.Columns.ToArray();
        sb.Append("| ").AppendJoin(" | ", columns.Select(c => EscapeMarkdown(c.Name))).Append(" |\n");
        sb.Append('|').AppendJoin('|', columns.Select(c => IsNumeric(c) ? " ---: " : " --- ")).Append("|\n");
        for (long r = 0; r < frame.Rows.Count; r++)
            sb.Append("| ").AppendJoin(" | ", columns.Select(c => EscapeMarkdown(Cell(c, r, format)))).Append(" |\n");
        return sb.ToString();
    }

    public static string ToCsv(DataFrame frame)
    {
        var columns = frame.Columns.ToArray();
        var rows = new List<IReadOnlyList<string>> { columns.Select(c => c.Name).ToArray() };
        for (long r = 0; r < frame.Rows.Count; r++)
            rows.Add(columns.Select(c => Cell(c, r, null)).ToArray());
        return CsvFormat.Write(rows);
    }

    /// <summary>
    /// Reads back what <see cref="ToCsv"/> wrote (a saved run's tables): the first row names the columns; a column whose
    /// non-empty cells all parse as invariant numbers becomes a double column (empty cells null), any other a string column.
    /// </summary>
    public static DataFrame FromCsv(string csv)
    {
        var rows = CsvFormat.Parse(csv);
        if (rows.Count == 0) throw new InvalidDataException("The CSV table is empty: it has no header row.");
        var header = rows[0];
        var body = rows.Skip(1).Where(r => r.Count > 1 || r.Any(f => f.Length > 0)).ToArray();
        if (body.FirstOrDefault(r => r.Count != header.Count) is { } bad)
            throw new InvalidDataException($"A CSV row has {bad.Count} fields where the header has {header.Count}.");
        var columns = header.Select((name, i) =>
        {
            var cells = body.Select(r => r[i]).ToArray();
            var numeric = cells.Any(c => c.Length > 0)
                && cells.All(c => c.Length == 0 || double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
            return numeric
                ? (DataFrameColumn)new DoubleDataFrameColumn(name, cells.Select(c => c.Length == 0 ? (double?)null : double.Parse(c, NumberStyles.Float, CultureInfo.InvariantCulture)))
                : new StringDataFrameColumn(name, cells);
        });
        return new DataFrame(columns);
    }

    /// <summary>A <c>&lt;table&gt;</c> element (no page around it), every cell HTML-encoded.</summary>
    public static string ToHtml(DataFrame frame, TableFormat? format = null, string? caption = null)
    {
        format ??= new TableFormat();
        var columns = frame.Columns.ToArray();
        var sb = new StringBuilder("<table>\n");
        if (caption is not null) sb.Append("<caption>").Append(WebUtility.HtmlEncode(caption)).Append("</caption>\n");
        sb.Append("<thead><tr>");
        foreach (var c in columns) sb.Append("<th>").Append(WebUtility.HtmlEncode(c.Name)).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        for (long r = 0; r < frame.Rows.Count; r++)
        {
            sb.Append("<tr>");
            foreach (var c in columns)
                sb.Append(IsNumeric(c) ? "<td style=\"text-align:right\">" : "<td>").Append(WebUtility.HtmlEncode(Cell(c, r, format))).Append("</td>");
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>\n").ToString();
    }

    /// <summary>A standalone HTML page holding several titled tables.</summary>
    public static string ToHtmlPage(string title, IEnumerable<(string Caption, DataFrame Frame)> tables, TableFormat? format = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n");
        sb.Append("<style>body{font-family:sans-serif}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 8px}caption{font-weight:bold;text-align:left}</style>\n");
        sb.Append("</head><body>\n<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n");
        foreach (var (caption, frame) in tables) sb.Append(ToHtml(frame, format, caption));
        return sb.Append("</body></html>\n").ToString();
    }

    static bool IsNumeric(DataFrameColumn c) => c.DataType != typeof(string) && c.DataType != typeof(bool);

    static string Cell(DataFrameColumn c, long row, TableFormat? format) => c[row] switch
    {
        null => "",
        double d when format is null => d.ToString("R", CultureInfo.InvariantCulture),
        // A per-note cost of a hundredth of a cent would round to 0.000; show such values in scientific notation.
        double d when d != 0 && Math.Abs(d) < Math.Pow(10, -format.DecimalPlaces) => d.ToString("0.##E+0", CultureInfo.InvariantCulture),
        double d => d.ToString("F" + format.DecimalPlaces, CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    static string EscapeMarkdown(string s) => s.Replace("|", "\\|").Replace("\r\n", " ").Replace('\n', ' ');
}
