using Distill.Corpora;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Running;

namespace Distill.Tests.Teachers.Running;

public class TeacherRunnerTests
{
    static readonly Document[] Documents = Enumerable.Range(0, 12)
        .Select(i => TeacherTestData.Note($"d{i}", $"Note {i}: gout and asthma.", ("gout", "disease"))).ToArray();

    /// <summary>Counts how many labelings run at once and finishes them in scrambled order.</summary>
    sealed class SlowTeacher(string name) : ICacheableTeacher
    {
        int inFlight, maxInFlight;
        public int MaxInFlight => maxInFlight;
        public string Name => name;
        public TeacherKind Kind => TeacherKind.Llm;
        public TeacherFingerprint Fingerprint(string entityType) => new("slow", "", "{}", true);

        public async Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
        {
            var now = Interlocked.Increment(ref inFlight);
            lock (this) maxInFlight = Math.Max(maxInFlight, now);
            await Task.Delay(5 + (document.Id.GetHashCode() & 15), cancellationToken);
            Interlocked.Decrement(ref inFlight);
            return new TeacherLabeling(Name, document.Id, entityType, document.SpansOf(entityType).ToArray(), 10, 2, TimeSpan.FromMilliseconds(5), 0.01m, false, null, "[]") { Kind = Kind };
        }
    }

    [Fact]
    public async Task Labels_every_teacher_type_and_document_in_a_fixed_order_within_the_concurrency_bound()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var a = new SlowTeacher("a");
        var b = new SlowTeacher("b");
        var progress = new List<int>();
        var result = await new TeacherRunner(cache, new TeacherRunOptions { MaxConcurrency = 3 })
            .RunAsync(Documents, [a, b], ["disease", "symptom"], new SynchronousProgress(p => { lock (progress) progress.Add(p.Done); }));

        Assert.Equal(2 * 2 * 12, result.Labelings.Count);
        var expected = from t in new[] { "a", "b" } from type in new[] { "disease", "symptom" } from d in Documents select (t, type, d.Id);
        Assert.Equal(expected, result.Labelings.Select(l => (l.Teacher, l.EntityType, l.DocumentId)));
        Assert.InRange(a.MaxInFlight + b.MaxInFlight, 2, 6);
        Assert.True(a.MaxInFlight <= 3 && b.MaxInFlight <= 3);
        Assert.Equal(Enumerable.Range(1, 48), progress.Order());
        Assert.Equal(new TeacherRunSummary(48, 0, 0, 480, 96, 0.48m, 0.48m, result.Summary.WallTime), result.Summary);
        Assert.Equal(12, result.Of("a", "disease").Count);
        Assert.Equal(["gout"], result.AsDocuments(Documents, "b", "disease")[0].Spans.Select(s => s.Text));
    }

    [Fact]
    public async Task A_second_run_is_served_from_the_cache_and_costs_nothing_now()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var runner = new TeacherRunner(cache);
        await runner.RunAsync(Documents, [new SlowTeacher("a")], ["disease"]);
        var second = await runner.RunAsync(Documents, [new SlowTeacher("a")], ["disease"]);
        Assert.Equal(12, second.Summary.FromCache);
        Assert.Equal(0.12m, second.Summary.CostUsd);  // what the labels cost originally
        Assert.Equal(0m, second.Summary.SpentUsd);    // what this run spent
    }

    [Fact]
    public async Task A_teacher_is_not_asked_for_types_it_cannot_label()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var result = await new TeacherRunner(cache).RunAsync(Documents, [new DiseaseOnlyTeacher()], ["disease", "symptom"]);
        Assert.Equal(Documents.Length, result.Labelings.Count);
        Assert.All(result.Labelings, l => Assert.Equal("disease", l.EntityType));
        Assert.All(result.Labelings, l => Assert.True(l.Succeeded));
    }

    sealed class DiseaseOnlyTeacher : ITeacher
    {
        public string Name => "disease-only";
        public TeacherKind Kind => TeacherKind.Rules;
        public bool Supports(string entityType) => entityType == "disease";

        public Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default) =>
            Task.FromResult(entityType == "disease"
                ? new TeacherLabeling(Name, document.Id, entityType, document.SpansOf(entityType).ToArray(), 0, 0, TimeSpan.Zero, 0m, false, null, null) { Kind = Kind }
                : TeacherLabeling.Failed(this, document, entityType, "asked for an unsupported type", null, TimeSpan.Zero));
    }

    [Fact]
    public async Task Teachers_with_the_same_name_are_rejected()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new TeacherRunner(cache).RunAsync(Documents, [new SlowTeacher("x"), new SlowTeacher("x")], ["disease"]));
        Assert.Contains("'x'", error.Message);
    }

    sealed class SynchronousProgress(Action<TeacherRunProgress> report) : IProgress<TeacherRunProgress>
    {
        public void Report(TeacherRunProgress value) => report(value);
    }
}
