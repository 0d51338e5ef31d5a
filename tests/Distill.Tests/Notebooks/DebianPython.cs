using System.Diagnostics;

namespace Distill.Tests.Notebooks;

/// <summary>
/// Runs Debian's python3 with the Jupyter packages the notebook tests need (python3-nbformat,
/// python3-jupyter-client, python3-nbclient). /usr/bin/python3 comes first because a python3 earlier on PATH
/// (pyenv, conda) does not see Debian's packages.
/// </summary>
public static class DebianPython
{
    public static string Executable { get; } = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Fails the test with the apt package to install when a module is missing.</summary>
    public static void Require(string module, string aptPackage)
    {
        var (code, _, error) = Run(["-c", $"import {module}"], TimeSpan.FromSeconds(30));
        Assert.True(code == 0,
            $"{Executable} cannot import {module} ({error.Trim()}). Install it with `apt-get install -y {aptPackage}` " +
            "(CI installs it through DISTILL_EXTRA_APT).");
    }

    /// <summary>Validates a notebook file against the nbformat 4 schema; fails with the validator's message.</summary>
    public static void AssertValidNotebook(string path)
    {
        Require("nbformat", "python3-nbformat");
        var (code, output, error) = Run(
            ["-c", "import nbformat,sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4)); print('valid')", path],
            TimeSpan.FromSeconds(60));
        Assert.True(code == 0 && output.Contains("valid"), $"nbformat rejected {path} (exit code {code}):\n{error}{output}");
    }

    public static (int ExitCode, string Output, string Error) Run(IEnumerable<string> arguments, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        // Read through events, not ReadToEnd: a child the script started (a kernel) may hold the pipes open after
        // the script exits, and the test must not wait for it. WaitForExit(timeout) does not wait for the last
        // lines either, so each stream's end (the null line) is awaited, for at most a few seconds after the exit:
        // a fixed pause lost the validator's "valid" on a busy machine.
        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        var outputClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is null) outputClosed.TrySetResult(); else lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is null) errorClosed.TrySetResult(); else lock (error) error.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"python did not finish within {timeout.TotalSeconds} s; output so far:\n{output}\n{error}");
        }
        Task.WaitAll([outputClosed.Task, errorClosed.Task], TimeSpan.FromSeconds(10));
        lock (output) lock (error) return (process.ExitCode, output.ToString(), error.ToString());
    }
}
