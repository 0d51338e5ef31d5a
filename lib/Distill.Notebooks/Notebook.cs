using System.Text.Json.Nodes;

namespace Distill.Notebooks;

/// <summary>
/// A Jupyter notebook in nbformat 4 (https://nbformat.readthedocs.io/en/latest/format_description.html).
/// Metadata objects are kept as JSON so that keys this tool does not know (kernelspec, widgets,
/// polyglot_notebook, ...) survive a read/write round trip unchanged.
/// </summary>
/// <param name="NbFormat">Major format version; always 4 here (the reader rejects others).</param>
/// <param name="NbFormatMinor">Minor format version; the writer raises it to 5 because it writes cell ids.</param>
/// <param name="Metadata">Notebook-level metadata (kernelspec, language_info, ...).</param>
/// <param name="Cells">Cells in reading order.</param>
public sealed record Notebook(int NbFormat, int NbFormatMinor, JsonObject Metadata, IReadOnlyList<NotebookCell> Cells)
{
    /// <summary>The format version the writer produces (4.5 is the first with cell ids).</summary>
    public const int WrittenMinor = 5;

    /// <summary>Copy with different cells (records copy the metadata reference; callers do not mutate it).</summary>
    public Notebook WithCells(IEnumerable<NotebookCell> cells) => this with { Cells = cells.ToList() };
}

/// <summary>Kinds of cell nbformat 4 defines.</summary>
public static class CellTypes
{
    public const string Code = "code";
    public const string Markdown = "markdown";
    public const string Raw = "raw";
}

/// <summary>One notebook cell.</summary>
/// <param name="CellType">"code", "markdown" or "raw" (see <see cref="CellTypes"/>).</param>
/// <param name="Source">Full source text; the writer splits it into the list-of-lines form.</param>
/// <param name="Metadata">Cell metadata, including <c>tags</c>.</param>
/// <param name="Id">Cell id (nbformat 4.5+); null when the file had none, the writer then assigns one.</param>
/// <param name="ExecutionCount">For code cells: the count of the execution that produced the outputs, or null.</param>
/// <param name="Outputs">For code cells: outputs in the order produced. Empty for other cell types.</param>
/// <param name="Attachments">For markdown and raw cells: attached files, kept verbatim.</param>
public sealed record NotebookCell(
    string CellType,
    string Source,
    JsonObject Metadata,
    string? Id = null,
    int? ExecutionCount = null,
    IReadOnlyList<CellOutput>? Outputs = null,
    JsonObject? Attachments = null)
{
    public IReadOnlyList<CellOutput> Outputs { get; init; } = Outputs ?? [];

    public bool IsCode => CellType == CellTypes.Code;

    /// <summary>Tags from <c>metadata.tags</c> (papermill marks the parameters cell this way).</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? tags.Select(t => t?.GetValueKind() == System.Text.Json.JsonValueKind.String ? t.GetValue<string>() : null).OfType<string>().ToList()
            : [];

    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    public static NotebookCell NewCode(string source, params string[] tags) =>
        new(CellTypes.Code, source, TagMetadata(tags), NewId());

    public static NotebookCell NewMarkdown(string source) => new(CellTypes.Markdown, source, new JsonObject(), NewId());

    /// <summary>A fresh id matching nbformat's pattern <c>^[a-zA-Z0-9-_]+$</c> (1-64 characters).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N")[..12];

    static JsonObject TagMetadata(string[] tags)
    {
        var metadata = new JsonObject();
        if (tags.Length > 0)
            metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)).ToArray());
        return metadata;
    }
}

/// <summary>One output of a code cell (nbformat's <c>output_type</c>).</summary>
public abstract record CellOutput;

/// <summary>Text written to stdout or stderr.</summary>
/// <param name="Name">"stdout" or "stderr".</param>
/// <param name="Text">What was written.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput;

/// <summary>
/// Rich output from <c>display(...)</c>. <paramref name="Data"/> maps a MIME type to its content: text for
/// text types, base64 for images, and JSON text for JSON types (written back as a JSON value).
/// </summary>
public sealed record DisplayDataOutput(IReadOnlyDictionary<string, string> Data, JsonObject? Metadata = null) : CellOutput;

/// <summary>The value of a cell's trailing expression.</summary>
public sealed record ExecuteResultOutput(int ExecutionCount, IReadOnlyDictionary<string, string> Data, JsonObject? Metadata = null) : CellOutput;

/// <summary>An exception or compile error that stopped a cell.</summary>
/// <param name="EName">Exception type name (or "CompilationError").</param>
/// <param name="EValue">Message.</param>
/// <param name="Traceback">Lines shown to the reader (diagnostics or stack frames).</param>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : CellOutput;
