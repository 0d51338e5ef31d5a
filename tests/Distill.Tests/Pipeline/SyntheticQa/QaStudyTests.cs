using System.Text.Json;
using Distill.Pipeline.SyntheticQa;
using Distill.Students.QuestionAnswering;
using Distill.Tests.Students;

namespace Distill.Tests.Pipeline.SyntheticQa;

/// <summary>
/// The keyless synthetic-QA study end to end on the shipped synthetic notes and n2c2 fixture, with the tiny BERT fixture as
/// the student so it runs in seconds; then again in the same folder, which resumes.
/// </summary>
public sealed class QaStudyTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("qa-study-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    QaStudyRequest Request() => new(
        Path.Combine(folder, "run"),
        Path.Combine(RepositoryRoot.Path, QaStudyDefaults.NotesFolder),
        Path.Combine(RepositoryRoot.Path, QaStudyDefaults.N2c2Folder),
        TeachersFile: null,
        CachePath: Path.Combine(folder, "cache.sqlite"),
        CacheDirectory: Path.Combine(folder, "cache"),
        Student: TinyBert.Directory,
        Quick: true,
        StudentOptions: new QaStudentOptions { Epochs = 1, MaxLength = 96, ContextChars = 60, WindowStride = 48 });

    [Fact]
    public async Task Runs_keyless_writes_every_stage_file_and_resumes()
    {
        var events = new List<QaStudyEvent>();
        var first = await QaStudy.RunAsync(Request(), new InlineProgress(events));
        var layout = first.Layout;
        foreach (var path in new[] { layout.Pairs, layout.Rejected, layout.GenerationSummary, layout.ExportSummary, layout.QloraConfig, layout.StudentSummary, layout.Report, layout.Manifest })
            Assert.True(File.Exists(path), path);
        Assert.True(Directory.Exists(layout.StudentFolder));

        var generation = first.Generation!.Summary;
        Assert.Equal("template-generator", generation.Generator);
        Assert.Equal(8, generation.Notes);
        Assert.Equal(generation.Generated, generation.Kept + generation.Rejected);
        Assert.Equal(generation.Kept, File.ReadAllLines(layout.Pairs).Length);
        Assert.Equal(generation.Kept, generation.KeptByType.Values.Sum());
        Assert.Equal(4, generation.KeptByType.Count);
        Assert.Equal(generation.Rejected, generation.RejectedByReason.Values.Sum());

        var export = first.Export!.Summary;
        Assert.Equal(File.ReadAllLines(export.Files.OpenAiTrain).Length, export.TrainPairs);
        Assert.Equal(export.ValidationPairs, first.Student!.HeldOutExamples);
        Assert.InRange(first.Student.HeldOutAccuracy, 0, 1);

        var cohort = first.Cohort!;
        Assert.Equal([CohortEvaluationStage.AllNotMet, first.Student.Student], cohort.Answerers.Select(a => a.Answerer));
        Assert.All(cohort.Answerers, a => Assert.Equal(6, a.Scores.Patients));
        Assert.All(cohort.Answerers, a => Assert.Equal(13, a.Scores.Criteria.Count));
        Assert.Equal(6 * 13, File.ReadAllLines(layout.CohortPredictions(first.Student.Student)).Length);

        var report = File.ReadAllText(layout.Report);
        Assert.Contains("keyless template generator", report);
        Assert.Contains("not by a language model", report);
        using var manifest = JsonDocument.Parse(File.ReadAllText(layout.Manifest));
        Assert.Equal("template", manifest.RootElement.GetProperty("generator_kind").GetString());
        Assert.Contains(events, e => e.Stage == "n2c2");

        var second = await QaStudy.RunAsync(Request());
        Assert.True(second.Generation!.Resumed);
        Assert.True(second.Export!.Resumed);
        Assert.True(second.StudentResumed);
        Assert.Equal(first.Student.HeldOutAccuracy, second.Student!.HeldOutAccuracy, 6);
        Assert.Equal(first.Cohort!.Answerers[1].Scores.Micro, second.Cohort!.Answerers[1].Scores.Micro);
        Assert.Equal(first.Cohort.Answerers[1].Scores.Criteria, second.Cohort.Answerers[1].Scores.Criteria);
    }

    [Fact]
    public async Task Dry_run_sends_nothing_and_says_the_template_generator_is_free()
    {
        var result = await QaStudy.RunAsync(Request() with { DryRun = true });
        Assert.Equal((8, 0, 0m), (result.DryRun!.Notes, result.DryRun.Calls, result.DryRun.CostUsd));
        Assert.False(File.Exists(result.Layout.Pairs));
    }

    sealed class InlineProgress(List<QaStudyEvent> events) : IProgress<QaStudyEvent>
    {
        public void Report(QaStudyEvent value) => events.Add(value);
    }
}
