namespace Distill.Corpora;

/// <summary>
/// A corpus file that does not have the expected format. The message always starts with
/// <c>file:line:</c> (line omitted when the problem is the whole file) so a user can open the spot, and is one line:
/// text quoted from the file has its line breaks and control characters escaped (<see cref="IO.MessageText"/>).
/// </summary>
public sealed class CorpusFormatException : FormatException
{
    public CorpusFormatException(string file, int? line, string message, Exception? inner = null)
        : base($"{Locate(file, line)}: {IO.MessageText.OneLine(message)}", inner)
    {
        File = file;
        Line = line;
        Problem = IO.MessageText.OneLine(message);
    }

    /// <summary>The file (or stream name) that holds the problem.</summary>
    public string File { get; }

    /// <summary>1-based line number, when the problem is on one line.</summary>
    public int? Line { get; }

    /// <summary>The message without the location.</summary>
    public string Problem { get; }

    internal static string Locate(string file, int? line) => line is { } n ? $"{file}:{n}" : file;
}
