using System.Text.Json;
using Distill.IO;

namespace Distill.Pipeline;

/// <summary>Which stages of a run have finished, kept in a small JSON file (<see cref="RunLayout.StageLog"/>) written atomically.</summary>
internal sealed class StageLog
{
    readonly string path;
    readonly Dictionary<string, DateTimeOffset> done;

    StageLog(string path, Dictionary<string, DateTimeOffset> done) => (this.path, this.done) = (path, done);

    public static async Task<StageLog> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var done = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false)) ?? []
            : [];
        return new StageLog(path, done);
    }

    public bool Has(string stage) => done.ContainsKey(stage);

    public Task MarkAsync(string stage, CancellationToken cancellationToken)
    {
        done[stage] = DateTimeOffset.UtcNow;
        return AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(done, new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
    }

    /// <summary>Whether the log at <paramref name="path"/> records <paramref name="stage"/> as finished.</summary>
    public static bool Records(string path, string stage) =>
        File.Exists(path) && (JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(File.ReadAllText(path))?.ContainsKey(stage) ?? false);
}
