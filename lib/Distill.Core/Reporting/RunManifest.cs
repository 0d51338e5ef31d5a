using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Distill.Evaluation;
using Distill.IO;

namespace Distill.Reporting;

/// <summary>
/// What a run was: enough to reproduce it or to tell two runs apart. Written to <c>results/&lt;run-id&gt;/manifest.json</c>.
/// </summary>
public sealed record RunManifest
{
    public required string RunId { get; init; }
    public string? GitCommit { get; init; }
    public required string Dataset { get; init; }
    public IReadOnlyList<FileHash> DatasetFiles { get; init; } = [];
    public IReadOnlyList<RunSystem> Systems { get; init; } = [];
    public IReadOnlyList<string> TeacherCacheKeys { get; init; } = [];
    public EvaluationSettings Evaluation { get; init; } = EvaluationSettings.Default;

    /// <summary>Other stages' settings (teacher prompts, student hyper-parameters), as they name them.</summary>
    public IReadOnlyDictionary<string, string> Configuration { get; init; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, int> Seeds { get; init; } = new Dictionary<string, int>();
    public required MachineDescription Machine { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }

    internal static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public async Task WriteAsync(string path, CancellationToken cancellationToken = default) =>
        await AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json) + "\n", cancellationToken);

    public static async Task<RunManifest> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No run manifest at '{path}'.", path);
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<RunManifest>(stream, Json, cancellationToken)
                ?? throw new InvalidDataException($"{path}: the manifest is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a run manifest ({e.Message}).", e);
        }
    }

    /// <summary>The checkout's commit from <c>git rev-parse HEAD</c>, or null where git or a repository is not there.</summary>
    public static string? CurrentGitCommit(string? directory = null)
    {
        try
        {
            var start = new ProcessStartInfo("git", "rev-parse HEAD")
            {
                WorkingDirectory = directory ?? Environment.CurrentDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var process = Process.Start(start);
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(10_000);
            return process.ExitCode == 0 && output.Length == 40 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed: the manifest says so with a null commit
        }
    }
}
