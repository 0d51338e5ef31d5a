using System.CommandLine;

namespace Distill.Cli.Commands;

/// <summary>
/// <c>--allow-empty</c> for the commands that read corpora (label, search, reproduce, data): without it a corpus file or
/// split with no documents is an error naming the file, exit 2 (issue 15: it went through as "0 documents", exit 0).
/// </summary>
public static class AllowEmptyOption
{
    public static Option<bool> Create() =>
        new("--allow-empty") { Description = "accept a corpus file or split with no documents (default: an error naming the file)" };
}
