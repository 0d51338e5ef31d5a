namespace Distill.Corpora;

/// <summary>How a reader treats bad input.</summary>
public enum ReadMode
{
    /// <summary>The first problem throws a <see cref="CorpusFormatException"/> naming file and line (default).</summary>
    Strict,

    /// <summary>A problem skips the offending line, span or document and is counted in the <see cref="CorpusReadReport"/>.</summary>
    Lenient,
}

/// <summary>Options every corpus reader takes.</summary>
/// <param name="Mode">Strict (default) throws on the first problem; lenient records it and goes on.</param>
/// <param name="LabelMap">Source type to study type; null means the reader's documented default.</param>
public sealed record CorpusReadOptions(ReadMode Mode = ReadMode.Strict, LabelMap? LabelMap = null)
{
    /// <summary>
    /// How the files are decoded; null (default) is strict UTF-8, where bytes that are not UTF-8 are an error naming
    /// file and line (in either mode: a wrongly decoded file is wrong throughout). <see cref="System.Text.Encoding.Latin1"/>
    /// reads ISO-8859-1 sources. See <see cref="TextFileEncoding"/>.
    /// </summary>
    public System.Text.Encoding? Encoding { get; init; }

    /// <summary>
    /// Accept a corpus file or split that holds no documents (CLI <c>--allow-empty</c>). By default it is a
    /// <see cref="CorpusFormatException"/> naming the file (issue 15: an empty file went through every stage as
    /// "0 documents" and exited 0).
    /// </summary>
    public bool AllowEmpty { get; init; }

    /// <summary>Throws unless <paramref name="documents"/> is above zero or empty sources are allowed.</summary>
    internal void RequireDocuments(string source, int documents)
    {
        if (documents == 0 && !AllowEmpty)
            throw new CorpusFormatException(source, null, Mode == ReadMode.Lenient
                ? "no documents were read (an empty file, or every document skipped as a problem); pass --allow-empty if that is expected."
                : "holds no documents; pass --allow-empty if an empty split is expected.");
    }

    public static CorpusReadOptions Strict { get; } = new();
    public static CorpusReadOptions Lenient { get; } = new(ReadMode.Lenient);
}
