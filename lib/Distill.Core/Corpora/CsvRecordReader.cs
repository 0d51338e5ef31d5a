using System.Runtime.CompilerServices;
using System.Text;

namespace Distill.Corpora;

/// <summary>One CSV record and the 1-based line it starts on.</summary>
internal sealed record CsvRecord(IReadOnlyList<string> Fields, int Line);

/// <summary>
/// Streams RFC 4180 CSV: comma-separated, double-quoted fields that may hold commas, <c>""</c> and line
/// breaks (MIMIC's TEXT column). Line breaks inside quotes are kept as they are in the file.
/// </summary>
internal static class CsvRecordReader
{
    public static async IAsyncEnumerable<CsvRecord> ReadAsync(TextReader reader, string file, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var buffer = new char[1 << 16];
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var quoteJustClosed = false;
        var fieldStarted = false;
        var pendingCr = false;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (pendingCr)
                {
                    pendingCr = false;
                    if (c == '\n') continue; // the \n of a \r\n record end
                }
                if (inQuotes)
                {
                    if (c == '"') { inQuotes = false; quoteJustClosed = true; continue; }
                    if (c == '\n') line++;
                    field.Append(c);
                    continue;
                }
                if (quoteJustClosed && c == '"')
                {
                    // "" inside a quoted field: a literal quote, and we are back inside the quotes.
                    field.Append('"');
                    inQuotes = true;
                    quoteJustClosed = false;
                    continue;
                }
                switch (c)
                {
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        quoteJustClosed = false;
                        fieldStarted = true;
                        break;
                    case '\r' or '\n':
                        if (fieldStarted || field.Length > 0 || fields.Count > 0 || quoteJustClosed)
                        {
                            fields.Add(field.ToString());
                            yield return new CsvRecord(fields.ToArray(), recordLine);
                        }
                        fields.Clear();
                        field.Clear();
                        quoteJustClosed = fieldStarted = false;
                        line++;
                        recordLine = line;
                        pendingCr = c == '\r';
                        break;
                    case '"' when field.Length == 0 && !quoteJustClosed:
                        inQuotes = true;
                        fieldStarted = true;
                        break;
                    default:
                        if (quoteJustClosed)
                            throw new CorpusFormatException(file, line, $"unexpected '{c}' after a closing quote; a quoted field must end at a comma or line end.");
                        field.Append(c);
                        fieldStarted = true;
                        break;
                }
            }
        }
        if (inQuotes)
            throw new CorpusFormatException(file, recordLine, "a quoted field opened here is never closed (unbalanced '\"').");
        if (fieldStarted || field.Length > 0 || fields.Count > 0 || quoteJustClosed)
        {
            fields.Add(field.ToString());
            yield return new CsvRecord(fields.ToArray(), recordLine);
        }
    }
}
