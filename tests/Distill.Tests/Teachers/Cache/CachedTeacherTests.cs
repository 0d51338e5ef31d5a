using Distill.Teachers;
using Distill.Teachers.Cache;

namespace Distill.Tests.Teachers.Cache;

public class CachedTeacherTests
{
    static readonly Distill.Corpora.Document Note = TeacherTestData.Note("n1", "History of breast cancer.", ("breast cancer", "disease"));

    [Fact]
    public async Task Second_call_is_served_from_the_cache_with_the_original_cost()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var inner = new CountingTeacher();
        var teacher = new CachedTeacher(inner, cache);
        var first = await teacher.LabelAsync(Note, "disease");
        var second = await teacher.LabelAsync(Note, "disease");
        Assert.Equal(1, inner.Calls);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(first.Spans, second.Spans);
        Assert.Equal((100, 20, 0.0015m, 1), (second.InputTokens, second.OutputTokens, second.CostUsd, second.MentionsNotFound));
        Assert.Equal(TimeSpan.FromMilliseconds(250), second.Latency);
    }

    [Fact]
    public async Task A_different_model_entity_type_or_text_is_a_miss()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var inner = new CountingTeacher(model: "m1");
        await new CachedTeacher(inner, cache).LabelAsync(Note, "disease");
        await new CachedTeacher(inner, cache).LabelAsync(Note, "symptom");
        await new CachedTeacher(inner, cache).LabelAsync(new Distill.Corpora.Document("n1", Note.Text + " "), "disease");
        var other = new CountingTeacher(model: "m2");
        await new CachedTeacher(other, cache).LabelAsync(Note, "disease");
        Assert.Equal(3, inner.Calls);
        Assert.Equal(1, other.Calls);
    }

    [Fact]
    public async Task Offline_a_network_miss_is_a_clear_error_and_a_local_miss_is_computed()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var network = new CountingTeacher("gpt-4o", usesNetwork: true);
        var error = await Assert.ThrowsAsync<TeacherCacheMissException>(() => new CachedTeacher(network, cache, offline: true).LabelAsync(Note, "disease"));
        Assert.Contains("gpt-4o", error.Message);
        Assert.Contains("'n1'", error.Message);
        Assert.Equal(0, network.Calls);

        var local = new CountingTeacher("dictionary", usesNetwork: false);
        var labeling = await new CachedTeacher(local, cache, offline: true).LabelAsync(Note, "disease");
        Assert.True(labeling.Succeeded);
        Assert.Equal(1, local.Calls);
    }

    [Fact]
    public async Task A_stored_failure_is_retried_online_and_replayed_offline()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var failing = new CountingTeacher(fail: _ => "unparseable answer: no JSON");
        var failed = await new CachedTeacher(failing, cache).LabelAsync(Note, "disease");
        Assert.False(failed.Succeeded);

        var offline = await new CachedTeacher(new CountingTeacher(), cache, offline: true).LabelAsync(Note, "disease");
        Assert.True(offline.FromCache);
        Assert.Equal("unparseable answer: no JSON", offline.Error);
        Assert.Equal("raw failure", offline.RawResponse);

        var healthy = new CountingTeacher();
        var retried = await new CachedTeacher(healthy, cache).LabelAsync(Note, "disease");
        Assert.Equal(1, healthy.Calls);
        Assert.True(retried.Succeeded);
        Assert.Equal(2, await cache.CountAsync());
    }

    [Fact]
    public async Task Says_which_types_it_supports_as_its_teacher_does()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var morphology = new CachedTeacher(new Distill.Teachers.Morphology.MorphologyTeacher(), cache);
        Assert.True(morphology.Supports("disease"));
        Assert.False(morphology.Supports("medication"));
        // A teacher that does not say (an LLM) supports every type: the interface's default.
        Assert.True(new CachedTeacher(new CountingTeacher(), cache).Supports("anything"));
        Assert.True(((ITeacher)new CountingTeacher()).Supports("anything"));
    }
}
