using System.Diagnostics;
using Distill.Cli.Commands;
using Distill.Teachers.Running;

namespace Distill.Tests.Cli;

/// <summary>
/// Issue 14's one CLI error policy, run as a user runs it (a separate `distill` process, so its real stdout/stderr and
/// exit code are seen): bad input is one line and exit 2 with no stack trace.
/// </summary>
public sealed class CommandErrorsTests
{
    static (int ExitCode, string Stdout, string Stderr) RunCli(params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "distill.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(cli);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DISTILL_HOME"] = global::Distill.Runtime.DistillPaths.Default.Home;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "distill did not exit");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Theory]
    [InlineData("train", "--train", "missing.jsonl", "--dev", "x")]
    [InlineData("predict", "--model", "missing", "--input", "x")]
    public void A_missing_file_is_one_line_and_exit_2(params string[] args)
    {
        var (code, stdout, stderr) = RunCli(args);
        Assert.Equal(CommandErrors.BadInput, code);
        var lines = (stdout + stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("missing", error);
        Assert.DoesNotContain("   at ", stdout + stderr);
        Assert.DoesNotContain("Exception", stdout + stderr);
    }

    [Fact]
    public void Exit_codes_separate_bad_input_failures_and_bugs()
    {
        Assert.Equal(CommandErrors.BadInput, CommandErrors.ExitCodeOf(new FileNotFoundException("x")));
        Assert.Equal(CommandErrors.BadInput, CommandErrors.ExitCodeOf(new global::Distill.Corpora.CorpusFormatException("f.jsonl", 3, "bad")));
        Assert.Equal(CommandErrors.Failure, CommandErrors.ExitCodeOf(new TeacherLabelingFailedException("api down")));
        Assert.Equal(CommandErrors.Failure, CommandErrors.ExitCodeOf(new HttpRequestException("refused")));
        // A bug keeps its stack trace: the policy does not claim it.
        Assert.Null(CommandErrors.ExitCodeOf(new NullReferenceException()));
        Assert.Null(CommandErrors.ExitCodeOf(new InvalidOperationException("bug")));
    }
}
