using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Dictionary;
using Distill.Teachers.Simulated;

namespace Distill.Tests.Teachers.Simulated;

public class SimulatedTeacherTests
{
    static readonly string[] Diseases = ["gout", "asthma", "psoriasis", "migraine", "anemia", "eczema", "angina", "sepsis"];

    /// <summary>A note with 400 gold mentions (50 sentences) and some dictionary-only terms for false positives.</summary>
    static Document LongNote()
    {
        var sentences = Enumerable.Range(0, 50).Select(i =>
            $"Patient {i} had {string.Join(", ", Diseases)} and a history of lupus number {i}.");
        var text = string.Join(" ", sentences);
        var spans = new List<EntitySpan>();
        foreach (var disease in Diseases)
            for (var at = text.IndexOf(disease, StringComparison.Ordinal); at >= 0; at = text.IndexOf(disease, at + 1, StringComparison.Ordinal))
                spans.Add(new EntitySpan(at, at + disease.Length, "disease", disease));
        return new Document("long", text, spans);
    }

    static TokenTrieMatcher Dictionary() => new("disease", Diseases.Append("lupus").Select(t => new LexiconEntry(t, "disease", "X")));

    [Fact]
    public async Task The_oracle_returns_the_gold_spans_and_is_marked_simulated()
    {
        var note = LongNote();
        var teacher = new SimulatedTeacher(SimulatedTeacherProfile.Oracle);
        var labeling = await teacher.LabelAsync(note, "disease");
        Assert.Equal("simulated:oracle", teacher.Name);
        Assert.Equal(TeacherKind.Simulated, labeling.Kind);
        Assert.Equal(note.Spans, labeling.Spans);
    }

    [Fact]
    public async Task Error_rates_are_close_to_the_profile_and_false_positives_come_from_the_dictionary()
    {
        var note = LongNote();
        var profile = new SimulatedTeacherProfile("test", MissRate: 0.3, BoundaryErrorRate: 0.2, FalsePositiveRate: 0.1);
        var spans = (await new SimulatedTeacher(profile, _ => Dictionary()).LabelAsync(note, "disease")).Spans;
        var gold = note.Spans;
        var exact = spans.Count(s => gold.Contains(s));
        var shifted = spans.Count(s => !gold.Contains(s) && gold.Any(g => g.Overlaps(s)));
        var falsePositives = spans.Where(s => !gold.Any(g => g.Overlaps(s))).ToArray();
        var kept = exact + shifted;
        Assert.InRange(kept / 400.0, 0.6, 0.8);              // 1 - miss rate = 0.7
        Assert.InRange(shifted / (double)kept, 0.08, 0.3);   // boundary error rate 0.2, some shifts are merged away
        Assert.Equal(40, falsePositives.Length);             // 0.1 × 400, and 50 'lupus' candidates exist
        Assert.All(falsePositives, s => Assert.Equal("lupus", s.Text));
    }

    [Fact]
    public async Task Same_seed_same_labels_other_seed_other_labels()
    {
        var note = LongNote();
        async Task<IReadOnlyList<EntitySpan>> Run(int seed) =>
            (await new SimulatedTeacher(SimulatedTeacherProfile.Noisy with { Seed = seed }, _ => Dictionary()).LabelAsync(note, "disease")).Spans;
        Assert.Equal(await Run(1), await Run(1));
        Assert.NotEqual(await Run(1), await Run(2));
    }

    [Fact]
    public void Bad_rates_and_unknown_presets_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedTeacher(new SimulatedTeacherProfile("x", MissRate: 1.5)));
        var error = Assert.Throws<ArgumentException>(() => SimulatedTeacherProfile.Preset("perfect"));
        Assert.Contains("oracle, good, noisy", error.Message);
    }

    [Fact]
    public async Task Correlated_teachers_miss_the_same_mentions_and_independent_ones_do_not()
    {
        var note = LongNote();
        async Task<HashSet<EntitySpan>> Missed(double correlation, int seed, double missRate)
        {
            var profile = new SimulatedTeacherProfile($"t{seed}", MissRate: missRate, BoundaryErrorRate: 0, FalsePositiveRate: 0, Seed: seed, Correlation: correlation);
            var spans = (await new SimulatedTeacher(profile).LabelAsync(note, "disease")).Spans;
            return note.Spans.Where(g => !spans.Contains(g)).ToHashSet();
        }
        // Fully correlated: the teacher with the higher miss rate misses a superset of the other's misses.
        var low = await Missed(1.0, 1, 0.2);
        var high = await Missed(1.0, 2, 0.4);
        Assert.True(low.IsSubsetOf(high));
        Assert.InRange(low.Count, 50, 110);
        // Independent: the overlap is near what chance gives (0.2 × 0.4 × 400 = 32), far from all of 'low'.
        var a = await Missed(0, 1, 0.2);
        var b = await Missed(0, 2, 0.4);
        Assert.InRange(a.Intersect(b).Count(), 15, 50);
    }

    [Fact]
    public async Task Assumed_cost_and_latency_are_reported_per_labeling()
    {
        var profile = new SimulatedTeacherProfile("priced", AssumedCostPerNoteUsd: 0.016, AssumedLatencySeconds: 1.7);
        var labeling = await new SimulatedTeacher(profile).LabelAsync(LongNote(), "disease");
        Assert.Equal(0.016m, labeling.CostUsd);
        Assert.Equal(TimeSpan.FromSeconds(1.7), labeling.Latency);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedTeacher(profile with { Correlation = 2 }));
    }
}
