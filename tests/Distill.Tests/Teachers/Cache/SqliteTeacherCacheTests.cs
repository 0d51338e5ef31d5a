using Distill.Teachers;
using Distill.Teachers.Cache;
using Microsoft.Data.Sqlite;

namespace Distill.Tests.Teachers.Cache;

public class SqliteTeacherCacheTests
{
    static CacheRecord Record(string key, string? error = null, DateTimeOffset? at = null, string callId = "") => new()
    {
        CallId = callId.Length > 0 ? callId : Guid.NewGuid().ToString("N"),
        CacheKey = key,
        Teacher = "gpt-4o",
        Kind = TeacherKind.Llm,
        Model = "gpt-4o-2024-08-06",
        PromptTemplateHash = "abc",
        ParametersJson = "{\"temperature\":0.01}",
        DocumentId = "d1",
        DocumentHash = CacheKey.DocumentHash("Breast cancer."),
        EntityType = "disease",
        RawResponse = "[\"Breast cancer\"]",
        Spans = error is null ? [new CachedSpan(0, 13, "disease", "Breast cancer")] : [],
        MentionsNotFound = 2,
        InputTokens = 120,
        OutputTokens = 7,
        LatencyMs = 812.5,
        CostUsd = 0.000370m,
        CreatedUtc = at ?? new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Error = error,
    };

    [Fact]
    public async Task Record_then_lookup_round_trips_every_field()
    {
        var folder = TeacherTestData.TempFolder();
        var record = Record("k1");
        await using (var cache = SqliteTeacherCache.Open(Path.Combine(folder, "c.sqlite")))
        {
            await cache.RecordAsync(record);
            var back = await cache.LookupAsync("k1");
            Assert.NotNull(back);
            Assert.Equal(record with { Spans = back!.Spans }, back);
            Assert.Equal(record.Spans, back.Spans);
            Assert.Null(await cache.LookupAsync("other"));
        }
    }

    [Fact]
    public async Task Answers_survive_closing_without_shutdown_and_the_journal_is_WAL()
    {
        var path = Path.Combine(TeacherTestData.TempFolder(), "c.sqlite");
        var cache = SqliteTeacherCache.Open(path);
        await cache.RecordAsync(Record("k1"));
        // A crash: nothing else happens; a second process (connection) must see the row already.
        using (var other = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", command.ExecuteScalar());
            command.CommandText = "SELECT COUNT(*) FROM teacher_calls;";
            Assert.Equal(1L, command.ExecuteScalar());
        }
        cache.Dispose();
        await using var reopened = SqliteTeacherCache.Open(path);
        Assert.Equal(1, await reopened.CountAsync());
    }

    [Fact]
    public async Task Lookup_prefers_the_newest_success_over_a_later_failure()
    {
        await using var cache = SqliteTeacherCache.Open(Path.Combine(TeacherTestData.TempFolder(), "c.sqlite"));
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await cache.RecordAsync(Record("k", "HTTP 500", t0));
        Assert.Equal("HTTP 500", (await cache.LookupAsync("k"))!.Error);
        await cache.RecordAsync(Record("k", null, t0.AddMinutes(1), "success"));
        await cache.RecordAsync(Record("k", "HTTP 429", t0.AddMinutes(2)));
        var best = await cache.LookupAsync("k");
        Assert.Equal("success", best!.CallId);
        Assert.Equal(3, await cache.CountAsync());
    }

    [Fact]
    public async Task Jsonl_export_and_import_round_trip_and_skip_duplicates()
    {
        var folder = TeacherTestData.TempFolder();
        await using var source = SqliteTeacherCache.Open(Path.Combine(folder, "a.sqlite"));
        // Import recomputes each key from the record's inputs, so these records carry their real keys.
        await source.RecordAsync(Keyed(Record("k1")));
        await source.RecordAsync(Keyed(Record("k2", "unparseable answer") with { EntityType = "symptom" }));
        var jsonl = Path.Combine(folder, "labels.jsonl");
        Assert.Equal(2, await source.ExportJsonlAsync(jsonl));
        Assert.Equal(2, File.ReadAllLines(jsonl).Length);
        Assert.Contains("\"prompt_template_hash\":\"abc\"", File.ReadAllText(jsonl));

        await using var target = SqliteTeacherCache.Open(Path.Combine(folder, "b.sqlite"));
        Assert.Equal((2, 0), await target.ImportJsonlAsync(jsonl));
        Assert.Equal((0, 2), await target.ImportJsonlAsync(jsonl));
        Assert.Equal(await source.ReadAllAsync(), await target.ReadAllAsync(), new RecordComparer());
    }

    [Fact]
    public async Task Import_names_the_file_and_line_of_a_bad_record_and_imports_nothing()
    {
        var folder = TeacherTestData.TempFolder();
        var jsonl = Path.Combine(folder, "bad.jsonl");
        await using var cache = SqliteTeacherCache.Open(Path.Combine(folder, "c.sqlite"));
        await cache.ExportJsonlAsync(jsonl); // empty
        await using (var other = SqliteTeacherCache.Open(Path.Combine(folder, "d.sqlite")))
        {
            await other.RecordAsync(Keyed(Record("k1")));
            await other.ExportJsonlAsync(jsonl);
        }
        File.AppendAllText(jsonl, "{\"call_id\": 3\n");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => cache.ImportJsonlAsync(jsonl));
        Assert.Contains("bad.jsonl:2", error.Message);
        Assert.Equal(0, await cache.CountAsync());
    }

    static CacheRecord Keyed(CacheRecord record) => record with { CacheKey = record.ComputeKey() };

    [Theory]
    [InlineData("\"entity_type\":\"disease\"", "\"entity_type\":\"symptom\"")]
    [InlineData("\"model\":\"gpt-4o-2024-08-06\"", "\"model\":\"gpt-4o-mini\"")]
    [InlineData("\"teacher\":\"gpt-4o\"", "\"teacher\":\"other\"")]
    public async Task Import_recomputes_each_key_and_refuses_an_edited_record(string original, string edited)
    {
        // Issue 15: an edited export was imported and replayed as if the teacher had answered it.
        var folder = TeacherTestData.TempFolder();
        var jsonl = Path.Combine(folder, "edited.jsonl");
        await using (var source = SqliteTeacherCache.Open(Path.Combine(folder, "a.sqlite")))
        {
            await source.RecordAsync(Keyed(Record("ignored")));
            await source.ExportJsonlAsync(jsonl);
        }
        var line = File.ReadAllText(jsonl);
        Assert.Contains(original, line);
        File.WriteAllText(jsonl, line.Replace(original, edited));

        await using var target = SqliteTeacherCache.Open(Path.Combine(folder, "b.sqlite"));
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => target.ImportJsonlAsync(jsonl));
        Assert.Contains("edited.jsonl:1:", error.Message);
        Assert.Contains("does not match the record's inputs", error.Message);
        Assert.Equal(0, await target.CountAsync());
    }

    [Fact]
    public async Task Import_refuses_a_span_that_is_not_well_formed()
    {
        var folder = TeacherTestData.TempFolder();
        var jsonl = Path.Combine(folder, "spans.jsonl");
        await using (var source = SqliteTeacherCache.Open(Path.Combine(folder, "a.sqlite")))
        {
            await source.RecordAsync(Keyed(Record("ignored")) with { Spans = [new CachedSpan(5, 2, "disease", "x")] });
            await source.ExportJsonlAsync(jsonl);
        }
        await using var target = SqliteTeacherCache.Open(Path.Combine(folder, "b.sqlite"));
        Assert.Contains("spans.jsonl:1:", (await Assert.ThrowsAsync<InvalidDataException>(() => target.ImportJsonlAsync(jsonl))).Message);
    }

    [Fact]
    public async Task A_key_claimed_by_one_cache_is_not_claimed_by_another_until_released_or_expired()
    {
        var path = Path.Combine(TeacherTestData.TempFolder(), "c.sqlite");
        await using var a = SqliteTeacherCache.Open(path);
        await using var b = SqliteTeacherCache.Open(path);
        Assert.True(await a.TryClaimAsync("k", TimeSpan.FromMinutes(1)));
        Assert.True(await a.TryClaimAsync("k", TimeSpan.FromMinutes(1))); // renewing one's own claim
        Assert.False(await b.TryClaimAsync("k", TimeSpan.FromMinutes(1)));
        await a.ReleaseAsync("k");
        Assert.True(await b.TryClaimAsync("k", TimeSpan.FromMilliseconds(1)));
        await Task.Delay(20);
        Assert.True(await a.TryClaimAsync("k", TimeSpan.FromMinutes(1))); // b's lease expired (b was "killed")
    }

    sealed class RecordComparer : IEqualityComparer<CacheRecord>
    {
        public bool Equals(CacheRecord? x, CacheRecord? y) =>
            x is not null && y is not null && x with { Spans = [] } == y with { Spans = [] } && x.Spans.SequenceEqual(y.Spans);
        public int GetHashCode(CacheRecord obj) => obj.CallId.GetHashCode();
    }
}
