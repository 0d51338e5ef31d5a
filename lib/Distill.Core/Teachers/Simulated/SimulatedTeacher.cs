using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Distill.Corpora;
using Distill.Teachers.Dictionary;

namespace Distill.Teachers.Simulated;

/// <summary>
/// A teacher for teaching and tests: it derives labels from the document's gold spans with a seeded error
/// profile (<see cref="SimulatedTeacherProfile"/>). Its name is always <c>simulated:&lt;profile&gt;</c> and its
/// kind <see cref="TeacherKind.Simulated"/>, so its labels can never pass for a real teacher's. A document
/// without gold spans of the type gets only false positives.
/// </summary>
internal sealed class SimulatedTeacher : ICacheableTeacher
{
    readonly SimulatedTeacherProfile profile;
    readonly Func<string, TokenTrieMatcher?> falsePositiveSource;

    /// <param name="profile">The error profile.</param>
    /// <param name="falsePositiveSource">Dictionary matcher per entity type whose matches supply false positives; null: none.</param>
    public SimulatedTeacher(SimulatedTeacherProfile profile, Func<string, TokenTrieMatcher?>? falsePositiveSource = null)
    {
        this.profile = profile.Validated();
        this.falsePositiveSource = falsePositiveSource ?? (_ => null);
    }

    public string Name => $"simulated:{profile.Name}";
    public TeacherKind Kind => TeacherKind.Simulated;
    public SimulatedTeacherProfile Profile => profile;

    /// <summary>
    /// The profile, and the dictionary that supplies false positives (its <see cref="TokenTrieMatcher.ContentHash"/>). The
    /// document side (id, gold spans) is in <see cref="DocumentFingerprint"/>. v2: keys of v1 held neither (issue 15), so
    /// caches written before simply miss.
    /// </summary>
    public TeacherFingerprint Fingerprint(string entityType) =>
        new("simulated:v2", "", JsonSerializer.Serialize(new { profile, false_positive_source = falsePositiveSource(entityType)?.ContentHash }), UsesNetwork: false);

    /// <summary>This teacher reads the text, the document id (its seed) and the gold spans of the type: all three are hashed.</summary>
    public string DocumentFingerprint(Document document, string entityType) =>
        Cache.CacheKey.Sha256Hex(JsonSerializer.Serialize(new
        {
            text = Cache.CacheKey.DocumentHash(document.Text),
            id = document.Id,
            gold = document.SpansOf(entityType).Select(s => new[] { s.Start, s.End }),
        }));

    public Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var random = new Random(StableSeed(profile.Seed, document.Id, entityType));
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(document.Text);
        var gold = document.SpansOf(entityType).ToArray();
        var output = new List<EntitySpan>();
        foreach (var span in gold)
        {
            // Correlated errors: this mention's draws come from a stream every simulated teacher shares.
            var draw = Shared(random) ? new Random(StableSeed(0, document.Id, $"{entityType}:{span.Start}:{span.End}")) : random;
            if (draw.NextDouble() < profile.MissRate) continue;
            // A fresh span: the gold span's source type and id must not leak into a teacher's labels.
            var copy = new EntitySpan(span.Start, span.End, span.Type, span.Text);
            output.Add(draw.NextDouble() < profile.BoundaryErrorRate ? ShiftBoundary(document.Text, tokens, copy, draw) : copy);
        }
        var wanted = (int)Math.Round(profile.FalsePositiveRate * gold.Length);
        if (wanted > 0 && falsePositiveSource(entityType) is { } matcher)
        {
            var candidates = matcher.Match(document.Text).Where(c => !gold.Any(g => g.Overlaps(c))).ToList();
            var pickFrom = Shared(random) ? new Random(StableSeed(0, document.Id, $"{entityType}:false-positives")) : random;
            for (var k = 0; k < wanted && candidates.Count > 0; k++)
            {
                var pick = pickFrom.Next(candidates.Count);
                output.Add(candidates[pick]);
                candidates.RemoveAt(pick);
            }
        }
        // Overlaps can arise from a widened boundary; keep the first of overlapping spans.
        var spans = new List<EntitySpan>();
        foreach (var span in output.OrderBy(s => s.Start).ThenByDescending(s => s.Length))
            if (spans.Count == 0 || !spans[^1].Overlaps(span))
                spans.Add(span);
        var latency = profile.AssumedLatencySeconds > 0 ? TimeSpan.FromSeconds(profile.AssumedLatencySeconds) : Stopwatch.GetElapsedTime(started);
        return Task.FromResult(new TeacherLabeling(Name, document.Id, entityType, spans, 0, 0,
            latency, (decimal)profile.AssumedCostPerNoteUsd, false, null, null) { Kind = Kind });
    }

    // With no correlation no draw is spent, so profiles without it give the same labels as before it existed.
    bool Shared(Random random) => profile.Correlation > 0 && random.NextDouble() < profile.Correlation;

    /// <summary>Adds or removes one token at the start or the end (a removal that would empty the span adds instead).</summary>
    static EntitySpan ShiftBoundary(string text, IReadOnlyList<Token> tokens, EntitySpan span, Random random)
    {
        var inside = Enumerable.Range(0, tokens.Count).Where(i => tokens[i].End > span.Start && tokens[i].Start < span.End).ToArray();
        if (inside.Length == 0) return span;
        int first = inside[0], last = inside[^1];
        var atStart = random.Next(2) == 0;
        var shrink = random.Next(2) == 0 && inside.Length > 1;
        if (atStart) first += shrink ? 1 : (first > 0 ? -1 : 0);
        else last += shrink ? -1 : (last + 1 < tokens.Count ? 1 : 0);
        int start = tokens[first].Start, end = tokens[last].End;
        return new EntitySpan(start, end, span.Type, text[start..end]);
    }

    static int StableSeed(int seed, string documentId, string entityType) =>
        BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{documentId}\n{entityType}")), 0);
}
