using Distill.Corpora;
using Distill.Teachers;

namespace Distill.Tests.Teachers;

/// <summary>Shared fixtures of the teachers tests: test data paths, temp folders, a counting teacher.</summary>
internal static class TeacherTestData
{
    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "Teachers", name);

    /// <summary>A fresh folder under one per-run parent that is deleted when the test process exits.</summary>
    public static string TempFolder()
    {
        var path = Path.Combine(RunFolder.Value, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    static readonly Lazy<string> RunFolder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), $"distill-teachers-tests-{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { } // best effort: a file still open must not fail the run
            catch (UnauthorizedAccessException) { }
        };
        return folder;
    });

    public static Document Note(string id, string text, params (string Mention, string Type)[] gold)
    {
        var spans = new List<EntitySpan>();
        foreach (var (mention, type) in gold)
        {
            var at = text.IndexOf(mention, StringComparison.Ordinal);
            if (at < 0) throw new ArgumentException($"'{mention}' is not in the note");
            spans.Add(new EntitySpan(at, at + mention.Length, type, mention));
        }
        return new Document(id, text, spans);
    }
}

/// <summary>A cacheable teacher that labels the gold spans and counts its calls (what a cache hit must avoid).</summary>
internal sealed class CountingTeacher(string name = "counting", bool usesNetwork = true, string model = "m1", Func<Document, string?>? fail = null) : ICacheableTeacher
{
    int calls;
    public int Calls => calls;
    public string Name => name;
    public TeacherKind Kind => TeacherKind.Llm;
    public TeacherFingerprint Fingerprint(string entityType) => new(model, "prompt-hash", "{\"t\":0.01}", usesNetwork);

    public Task<TeacherLabeling> LabelAsync(Document document, string entityType, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        if (fail?.Invoke(document) is { } error)
            return Task.FromResult(TeacherLabeling.Failed(this, document, entityType, error, "raw failure", TimeSpan.FromMilliseconds(5)));
        return Task.FromResult(new TeacherLabeling(Name, document.Id, entityType, document.SpansOf(entityType).ToArray(),
            100, 20, TimeSpan.FromMilliseconds(250), 0.0015m, false, null, "[\"raw\"]") { Kind = Kind, MentionsNotFound = 1 });
    }
}
