using System.CommandLine;
using System.Text.Json;
using Distill.Notebooks;
using Distill.Teachers.Cache;
using Distill.Students.Training;
using Distill.Teachers.Running;

namespace Distill.Cli.Commands;

/// <summary>
/// The one error policy of every command (issue 14): bad input (a missing or malformed file, a bad option, a corpus
/// format error, a cache miss under <c>--offline</c>) is one line naming the file, line or field, exit 2; a failure
/// outside the program (a teacher API down, a disk error) is one line, exit 1; Ctrl+C is exit 130 after saying what
/// was kept; anything else is a bug: it propagates, and System.CommandLine prints its stack trace with exit 1.
/// </summary>
public static class CommandErrors
{
    public const int BadInput = 2;
    public const int Failure = 1;
    public const int Cancelled = 130;

    /// <summary>What a command's Ctrl+C says by default: what it leaves behind.</summary>
    public const string DefaultCancelNote = "Files are written whole (temp file, then rename), so nothing half-written is left.";

    /// <summary>Sets <paramref name="action"/> as the command's action under the policy; <paramref name="onCancel"/> says what was kept.</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action, string onCancel = DefaultCancelNote) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await action(parse, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"Cancelled. {onCancel}");
                return Cancelled;
            }
            catch (Exception e) when (ExitCodeOf(e) is { } code)
            {
                Console.Error.WriteLine($"error: {OneLine(e.Message)}");
                return code;
            }
        });

    /// <summary>The same for a synchronous action (a command that neither awaits nor can be cancelled part-way).</summary>
    public static void SetGuardedAction(this Command command, Func<ParseResult, int> action, string onCancel = DefaultCancelNote) =>
        command.SetGuardedAction((parse, _) => Task.FromResult(action(parse)), onCancel);

    /// <summary>The exit code of an expected error, or null for a bug (which must keep its stack trace).</summary>
    public static int? ExitCodeOf(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException or InvalidDataException or FormatException or ArgumentException
            or NotSupportedException or JsonException or TeacherCacheMissException or UnauthorizedAccessException
            or NotebookFormatException or NotebookParameterException or ResumeConflictException => BadInput,
        TeacherLabelingFailedException or HttpRequestException or TimeoutException or IOException => Failure,
        _ => null,
    };

    // A message quoting a line of the file must not break the "one line" promise.
    static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
