using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Distill.Corpora;
using Distill.Corpora.Relations;
using Distill.Teachers.Simulated;

namespace Distill.Teachers.Relations;

/// <summary>
/// A <b>simulated</b> relation teacher, for teaching and tests only, used only when asked (<c>--teachers simulated</c>):
/// it copies the gold pairs of each sentence with seeded errors from a <see cref="SimulatedTeacherProfile"/>: a pair is
/// missed with <c>MissRate</c>, its adverse event's boundary moved by one word with <c>BoundaryErrorRate</c>, and about
/// <c>FalsePositiveRate</c> × gold extra pairs are drawn from the vocabularies' co-occurring drug/event candidates. Its
/// cost and latency are the profile's assumptions. Named <c>simulated:*</c>, so no table mistakes it for a real teacher.
/// </summary>
public sealed class SimulatedPairTeacher(SimulatedTeacherProfile profile, IReadOnlyDictionary<string, IReadOnlyList<AdePair>> gold, AdePatternTeacher falsePositives)
    : ICacheableTeacher
{
    readonly SimulatedTeacherProfile profile = profile.Validated();

    public string Name => $"simulated:{profile.Name}";
    public TeacherKind Kind => TeacherKind.Simulated;
    public bool Supports(string entityType) => entityType == PairSpans.EntityType;

    public TeacherFingerprint Fingerprint(string entityType) =>
        new("simulated-pairs:v1", "", JsonSerializer.Serialize(new { profile, false_positive_source = falsePositives.Fingerprint(entityType).Model }), UsesNetwork: false);

    /// <summary>It reads the text, the id (its seed) and the gold pairs: all three are hashed into the cache key.</summary>
    public string DocumentFingerprint(Document document, string entityType) =>
        Cache.CacheKey.Sha256Hex(JsonSerializer.Serialize(new
        {
            text = Cache.CacheKey.DocumentHash(document.Text),
            id = document.Id,
            gold = GoldOf(document).Select(p => new[] { p.Drug.Start, p.Drug.End, p.AdverseEvent.Start, p.AdverseEvent.End }),
        }));

    IReadOnlyList<AdePair> GoldOf(Document document) => gold.TryGetValue(document.Id, out var pairs) ? pairs : [];

    public Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Supports(entityType))
            return Task.FromResult(TeacherLabeling.Failed(this, document, entityType, $"'{Name}' answers only '{PairSpans.EntityType}'", null, TimeSpan.Zero));
        var random = new Random(BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{profile.Seed}\n{document.Id}\npairs")), 0));
        var tokens = ClinicalWordTokenizer.Instance.Tokenize(document.Text);
        var goldPairs = GoldOf(document);
        var output = new List<AdePair>();
        foreach (var pair in goldPairs)
        {
            if (random.NextDouble() < profile.MissRate) continue;
            var drug = new EntitySpan(pair.Drug.Start, pair.Drug.End, AdeTypes.Drug, pair.Drug.Text);
            var ev = new EntitySpan(pair.AdverseEvent.Start, pair.AdverseEvent.End, AdeTypes.AdverseEffect, pair.AdverseEvent.Text);
            if (random.NextDouble() < profile.BoundaryErrorRate) ev = Widen(document.Text, tokens, ev, drug);
            output.Add(new AdePair(drug, ev));
        }
        var wanted = (int)Math.Round(profile.FalsePositiveRate * Math.Max(1, goldPairs.Count));
        var candidates = falsePositives.Pairs(document.Text).Where(c => !goldPairs.Any(g => g.Overlaps(c))).ToList();
        for (var k = 0; k < wanted && candidates.Count > 0; k++)
        {
            var pick = random.Next(candidates.Count);
            output.Add(candidates[pick]);
            candidates.RemoveAt(pick);
        }
        var pairs = output.DistinctBy(p => p.Key).OrderBy(p => p.Drug.Start).ThenBy(p => p.AdverseEvent.Start).ToArray();
        return Task.FromResult(new TeacherLabeling(Name, document.Id, entityType, PairSpans.Encode(pairs), 0, 0,
            TimeSpan.FromSeconds(profile.AssumedLatencySeconds), (decimal)profile.AssumedCostPerNoteUsd, false, null, null) { Kind = Kind });
    }

    /// <summary>Adds the word before (or else after) the event, unless that word belongs to the drug.</summary>
    static EntitySpan Widen(string text, IReadOnlyList<Token> tokens, EntitySpan ev, EntitySpan drug)
    {
        var before = tokens.LastOrDefault(t => t.End <= ev.Start);
        var after = tokens.FirstOrDefault(t => t.Start >= ev.End);
        int start = ev.Start, end = ev.End;
        if (before.End > 0 && !(before.Start < drug.End && drug.Start < before.End)) start = before.Start;
        else if (after.End > 0 && !(after.Start < drug.End && drug.Start < after.End)) end = after.End;
        return new EntitySpan(start, end, AdeTypes.AdverseEffect, text[start..end]);
    }
}
