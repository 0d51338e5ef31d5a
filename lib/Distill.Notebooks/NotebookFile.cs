using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Distill.IO;

namespace Distill.Notebooks;

/// <summary>Malformed notebook JSON; the message names the file and the offending field.</summary>
public sealed class NotebookFormatException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads and writes .ipynb files (nbformat 4). Writes the way Jupyter does: one-space indent, multi-line
/// strings as lists of lines, so diffs of executed notebooks stay readable.
/// </summary>
public static class NotebookFile
{
    static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 1,
        // Jupyter writes non-ASCII characters as themselves, and HTML outputs would be unreadable escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Notebook Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException($"{path}: cannot read the notebook ({e.Message}).", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses notebook JSON; <paramref name="sourceName"/> is used in error messages.</summary>
    public static Notebook Parse(string json, string sourceName = "<notebook>")
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException($"{sourceName}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        if (root is not JsonObject obj)
            throw new NotebookFormatException($"{sourceName}: expected a JSON object at the top level.");
        var major = ReadInt(obj, "nbformat", sourceName);
        if (major != 4)
            throw new NotebookFormatException($"{sourceName}: nbformat {major} is not supported; expected 4 (convert with `jupyter nbconvert --to notebook`).");
        var minor = ReadInt(obj, "nbformat_minor", sourceName);
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        if (obj["cells"] is not JsonArray cells)
            throw new NotebookFormatException($"{sourceName}: field 'cells' is missing or not a list.");
        var parsed = new List<NotebookCell>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
            parsed.Add(ReadCell(cells[i], $"{sourceName}: cell {i + 1}"));
        return new Notebook(major, minor, (JsonObject)metadata.DeepClone(), parsed);
    }

    /// <summary>Writes atomically (temp file + rename) so a crash never leaves half a notebook.</summary>
    public static void Write(string path, Notebook notebook)
    {
        AtomicFile.WriteAllText(path, Serialize(notebook));
    }

    public static string Serialize(Notebook notebook)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName("cells");
            w.WriteStartArray();
            foreach (var cell in notebook.Cells)
                WriteCell(w, cell);
            w.WriteEndArray();
            w.WritePropertyName("metadata");
            notebook.Metadata.WriteTo(w);
            w.WriteNumber("nbformat", 4);
            w.WriteNumber("nbformat_minor", Math.Max(notebook.NbFormatMinor, Notebook.WrittenMinor));
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Splits text into nbformat's list-of-lines form: every line but the last keeps its "\n".</summary>
    public static IReadOnlyList<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n')
            {
                lines.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        if (start < text.Length)
            lines.Add(text[start..]);
        return lines;
    }

    static NotebookCell ReadCell(JsonNode? node, string where)
    {
        if (node is not JsonObject cell)
            throw new NotebookFormatException($"{where}: expected an object.");
        var type = ReadString(cell, "cell_type", where);
        if (type is not (CellTypes.Code or CellTypes.Markdown or CellTypes.Raw))
            throw new NotebookFormatException($"{where}: cell_type '{type}' is not one of code, markdown, raw.");
        var source = ReadMultiline(cell["source"], $"{where}: field 'source'");
        var metadata = (JsonObject?)(cell["metadata"] as JsonObject)?.DeepClone() ?? new JsonObject();
        var id = cell["id"]?.GetValueKind() == JsonValueKind.String ? cell["id"]!.GetValue<string>() : null;
        if (type != CellTypes.Code)
            return new NotebookCell(type, source, metadata, id, Attachments: (JsonObject?)(cell["attachments"] as JsonObject)?.DeepClone());
        int? count = cell["execution_count"]?.GetValueKind() == JsonValueKind.Number ? cell["execution_count"]!.GetValue<int>() : null;
        var outputs = new List<CellOutput>();
        if (cell["outputs"] is JsonArray list)
            for (var i = 0; i < list.Count; i++)
                outputs.Add(ReadOutput(list[i], $"{where}, output {i + 1}"));
        return new NotebookCell(type, source, metadata, id, count, outputs);
    }

    static CellOutput ReadOutput(JsonNode? node, string where)
    {
        if (node is not JsonObject output)
            throw new NotebookFormatException($"{where}: expected an object.");
        var kind = ReadString(output, "output_type", where);
        return kind switch
        {
            "stream" => new StreamOutput(ReadString(output, "name", where), ReadMultiline(output["text"], $"{where}: field 'text'")),
            "display_data" => new DisplayDataOutput(ReadMimeBundle(output["data"], where), output["metadata"]?.DeepClone() as JsonObject),
            "execute_result" => new ExecuteResultOutput(
                output["execution_count"]?.GetValueKind() == JsonValueKind.Number ? output["execution_count"]!.GetValue<int>() : 0,
                ReadMimeBundle(output["data"], where), output["metadata"]?.DeepClone() as JsonObject),
            "error" => new ErrorOutput(
                ReadString(output, "ename", where), ReadString(output, "evalue", where),
                (output["traceback"] as JsonArray)?.Select(t => t?.ToString() ?? "").ToList() ?? []),
            _ => throw new NotebookFormatException($"{where}: output_type '{kind}' is not one of stream, display_data, execute_result, error."),
        };
    }

    static Dictionary<string, string> ReadMimeBundle(JsonNode? node, string where)
    {
        if (node is not JsonObject data)
            throw new NotebookFormatException($"{where}: field 'data' is missing or not an object.");
        var bundle = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (mime, value) in data)
            bundle[mime] = IsJsonMime(mime) ? value?.ToJsonString() ?? "null" : ReadMultiline(value, $"{where}: data '{mime}'");
        return bundle;
    }

    static void WriteCell(Utf8JsonWriter w, NotebookCell cell)
    {
        w.WriteStartObject();
        if (cell.Attachments is not null)
        {
            w.WritePropertyName("attachments");
            cell.Attachments.WriteTo(w);
        }
        w.WriteString("cell_type", cell.CellType);
        if (cell.IsCode)
        {
            if (cell.ExecutionCount is { } count) w.WriteNumber("execution_count", count);
            else w.WriteNull("execution_count");
        }
        w.WriteString("id", cell.Id ?? NotebookCell.NewId());
        w.WritePropertyName("metadata");
        cell.Metadata.WriteTo(w);
        if (cell.IsCode)
        {
            w.WritePropertyName("outputs");
            w.WriteStartArray();
            foreach (var output in cell.Outputs)
                WriteOutput(w, output);
            w.WriteEndArray();
        }
        WriteLines(w, "source", cell.Source);
        w.WriteEndObject();
    }

    static void WriteOutput(Utf8JsonWriter w, CellOutput output)
    {
        w.WriteStartObject();
        switch (output)
        {
            case StreamOutput s:
                w.WriteString("name", s.Name);
                w.WriteString("output_type", "stream");
                WriteLines(w, "text", s.Text);
                break;
            case DisplayDataOutput d:
                WriteMimeBundle(w, d.Data);
                WriteMetadata(w, d.Metadata);
                w.WriteString("output_type", "display_data");
                break;
            case ExecuteResultOutput r:
                WriteMimeBundle(w, r.Data);
                w.WriteNumber("execution_count", r.ExecutionCount);
                WriteMetadata(w, r.Metadata);
                w.WriteString("output_type", "execute_result");
                break;
            case ErrorOutput e:
                w.WriteString("ename", e.EName);
                w.WriteString("evalue", e.EValue);
                w.WriteString("output_type", "error");
                w.WriteStartArray("traceback");
                foreach (var line in e.Traceback) w.WriteStringValue(line);
                w.WriteEndArray();
                break;
            default:
                throw new ArgumentException($"Unknown output {output.GetType().Name}", nameof(output));
        }
        w.WriteEndObject();
    }

    static void WriteMimeBundle(Utf8JsonWriter w, IReadOnlyDictionary<string, string> data)
    {
        w.WriteStartObject("data");
        foreach (var (mime, value) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (IsJsonMime(mime))
            {
                w.WritePropertyName(mime);
                var node = JsonNode.Parse(value);
                if (node is null) w.WriteNullValue();
                else node.WriteTo(w);
            }
            else
                WriteLines(w, mime, value);
        }
        w.WriteEndObject();
    }

    static void WriteMetadata(Utf8JsonWriter w, JsonObject? metadata)
    {
        w.WritePropertyName("metadata");
        (metadata ?? new JsonObject()).WriteTo(w);
    }

    static void WriteLines(Utf8JsonWriter w, string name, string text)
    {
        w.WriteStartArray(name);
        foreach (var line in SplitLines(text)) w.WriteStringValue(line);
        w.WriteEndArray();
    }

    /// <summary>nbformat stores JSON MIME types (application/json, application/vnd.*+json) as JSON values, not text.</summary>
    static bool IsJsonMime(string mime) => mime == "application/json" || mime.EndsWith("+json", StringComparison.Ordinal);

    static string ReadMultiline(JsonNode? node, string where) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValueKind() == JsonValueKind.String
            ? l.GetValue<string>()
            : throw new NotebookFormatException($"{where}: expected a string or a list of strings."))),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw new NotebookFormatException($"{where}: expected a string or a list of strings."),
    };

    static string ReadString(JsonObject obj, string field, string where) =>
        obj[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new NotebookFormatException($"{where}: field '{field}' is missing or not a string.");

    static int ReadInt(JsonObject obj, string field, string where) =>
        obj[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n)
            ? n
            : throw new NotebookFormatException($"{where}: field '{field}' is missing or not an integer.");
}
