using System.Text.Json;
using Distill.Corpora;
using Distill.Pipeline;
using Distill.Reporting;
using Distill.Teachers;
using Distill.Pipeline.Events;

namespace Distill.Tests.Pipeline;

/// <summary>
/// The whole study on a tiny slice of NCBI Disease (12 dev, 12 pool, 6 test abstracts; one short epoch), so the
/// stages are proven to fit together: search, distillation set, student, predictions, evaluation, resume.
/// </summary>
public sealed class ReproducePipelineTests : IDisposable
{
    readonly DirectoryInfo temp = Directory.CreateTempSubdirectory("distill-reproduce-");

    public void Dispose() => temp.Delete(recursive: true);

    async Task<string> TinyCorpusAsync()
    {
        var ncbi = NcbiDiseaseCorpus.Load();
        var tiny = new Corpus("tiny", new Dictionary<string, IReadOnlyList<Document>>
        {
            [SplitNames.Dev] = ncbi.Split(SplitNames.Dev).Take(12).ToArray(),
            [SplitNames.Train] = ncbi.Split(SplitNames.Train).Take(12).ToArray(),
            [SplitNames.Test] = ncbi.Split(SplitNames.Test).Take(6).ToArray(),
        });
        var dir = Path.Combine(temp.FullName, "corpus");
        await JsonlCorpusWriter.WriteCorpusAsync(tiny, dir);
        return dir;
    }

    // The simulated set and the from-scratch student keep this test fast; the stages are the same for every teacher and student.
    ReproduceOptions Options(string corpus) => new(
        Corpus: corpus, TeachersFile: TeacherSets.Simulated, Checkpoint: "scratch", Quick: true, Epochs: 1, Device: "cpu",
        ResultsFolder: Path.Combine(temp.FullName, "results"), RunId: "tiny",
        CachePath: Path.Combine(temp.FullName, "teachers.sqlite"));

    [Fact]
    public async Task Runs_every_stage_and_resumes_without_retraining()
    {
        var corpus = await TinyCorpusAsync();
        var events = new StageEvents();
        var result = await ReproducePipeline.RunAsync(Options(corpus), events);

        // Search: five teachers, 31 subsets × 5 rules, one choice for disease.
        Assert.Equal(31 * 5, result.Search.Scores.Count);
        var choice = Assert.Single(result.Search.Choices);
        Assert.Equal(EntityTypes.Disease, choice.EntityType);
        Assert.True(File.Exists(Path.Combine(result.RunFolder, "search", "train.jsonl")));
        Assert.Equal(12, File.ReadLines(Path.Combine(result.RunFolder, "search", "train.jsonl")).Count());

        // Evaluation: the student, the 5 teachers and the combination, each scored with an interval.
        var systems = result.Report.Scores.Select(s => s.System).Distinct().ToArray();
        Assert.Contains("student.distilled", systems);
        Assert.Contains("teachers.combination", systems);
        Assert.Contains("teacher.simulated-precise", systems);
        Assert.Equal(7, systems.Length);
        Assert.All(result.Report.Scores.Where(s => s.Mode == "token"), s => Assert.InRange(s.F1, s.F1Lower - 1e-9, s.F1Upper + 1e-9));
        Assert.True(File.Exists(Path.Combine(result.RunFolder, "manifest.json")));
        // Issue 14: the report scores the files where the prediction stage wrote them; nothing is copied twice.
        Assert.All(systems, s => Assert.True(File.Exists(result.Run.Predictions(s))));
        Assert.False(Directory.Exists(result.Run.Inputs));
        Assert.Contains(events.All, e => e is StageProgress { Stage: "search", Fraction: 1 });
        Assert.Equal(["run", "data", "search", "students", "predictions", "evaluation"], events.All.OfType<StageStarted>().Select(e => e.Stage));
        Assert.Contains(result.Report.Costs, c => c.System == "teacher.simulated-precise" && Math.Abs(c.CostPerNoteUsd - 0.016) < 1e-9);

        // Issue 15: epochs.json records each epoch's resident memory, so growth across epochs shows in the run folder.
        var epochs = JsonSerializer.Deserialize<List<Distill.Reporting.EpochRecord>>(File.ReadAllText(result.Run.Folder.Epochs), Distill.Reporting.RunManifest.Json)!;
        Assert.NotEmpty(epochs);
        Assert.All(epochs, e => Assert.InRange(e.ResidentBytes ?? 0, 50L << 20, 64L << 30));

        var stages = JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(File.ReadAllText(Path.Combine(result.RunFolder, "stages.json")))!;
        Assert.Equal(["evaluation", "predictions", "search", "student-distilled"], stages.Keys.Order());

        Assert.True(ReproducePipeline.IsFinished(new Distill.Reporting.RunFolder(result.RunFolder)));
        var reopened = await StudyRun.OpenFinishedAsync(Options(corpus));
        Assert.NotNull(reopened);
        Assert.Equal(result.Report.Scores.Count, reopened.Report.Scores.Count);

        // What the notebooks show of a run (issue 14), read from its folder: the search's own tables, the epoch log,
        // the student's model card and its saved test predictions.
        var opened = await StudyRun.OpenAsync(result.RunFolder);
        var choices = opened.SearchTable("subset-choices");
        Assert.Equal(1, choices.Rows.Count);
        Assert.Equal(choice.Chosen.Teachers, choices["best_combination"][0]);
        Assert.Equal(31 * 5, opened.SearchTable("subset-scores").Rows.Count);
        Assert.Equal([StudySystemNames.DistilledStudent], opened.Students);
        Assert.Contains(opened.Epochs(), e => e.Run == StudySystemNames.DistilledStudent && e.Epoch == 1 && e.DevF1 is not null);
        Assert.Contains("model-index:", opened.ModelCard(StudySystemNames.DistilledStudent));
        Assert.Equal(6, opened.Predictions(StudySystemNames.DistilledStudent).Count);
        Assert.Equal(opened.Gold().Select(d => d.Id), opened.Predictions(StudySystemNames.DistilledStudent).Select(d => d.Id));
        await Assert.ThrowsAsync<FileNotFoundException>(() => StudyRun.OpenAsync(Path.Combine(temp.FullName, "not-a-run")));

        // Issue 17: the finished training's resume checkpoint is gone, its counters stay; the student folder has a model card
        // with the measured test score; the run's pages share one plotly.js.
        var studentFolder = Path.Combine(result.RunFolder, "student-distilled");
        Assert.False(Directory.Exists(Path.Combine(studentFolder, "checkpoint-last")));
        Assert.True(File.Exists(Path.Combine(studentFolder, "trainer_state.json")));
        var card = File.ReadAllText(Path.Combine(studentFolder, "README.md"));
        Assert.Contains("model-index:", card);
        Assert.Contains("token-level F1 (disease)", card);
        Assert.True(File.Exists(Path.Combine(result.RunFolder, "plotly.min.js")));
        Assert.Contains("<script src=\"../plotly.min.js\">", File.ReadAllText(Path.Combine(result.RunFolder, "search", "subset-search.html")));

        // A second run with the same id resumes: training is not repeated (it had finished).
        var again = new StageEvents();
        var second = await ReproducePipeline.RunAsync(Options(corpus), again);
        Assert.True(again.CompletedResult<StudentStageResult>("student-distilled").Resumed);
        Assert.Equal(second.Students[0].Training.Epochs.Count, second.Students[0].Training.ResumedAfterEpoch);
        Assert.False(events.CompletedResult<StudentStageResult>("student-distilled").Resumed);
        Assert.Equal(result.Search.Choices[0].Chosen.Teachers, second.Search.Choices[0].Chosen.Teachers);
    }

    /// <summary>Every event a run reported, in order (the pipeline reports on the calling thread or the teacher runner's).</summary>
    sealed class StageEvents : IProgress<StageEvent>
    {
        readonly List<StageEvent> all = [];
        public void Report(StageEvent value) { lock (all) all.Add(value); }
        public T CompletedResult<T>(string stage) => (T)all.OfType<StageCompleted>().Single(c => c.Stage == stage).Result;
        public IReadOnlyList<StageEvent> All { get { lock (all) return all.ToArray(); } }
    }

    [Fact]
    public void Teacher_names_become_safe_system_names()
    {
        Assert.Equal("teacher.simulated-noisy", StudySystemNames.Teacher("simulated:noisy"));
        Assert.Equal("teacher.gpt-4o", StudySystemNames.Teacher("gpt-4o"));
    }

    [Fact]
    public void The_simulated_set_has_a_dictionary_and_four_simulated_teachers_with_distinct_seeds()
    {
        var teachers = TeacherSets.Resolve(TeacherSets.Simulated);
        Assert.Equal(5, teachers.Count);
        Assert.Equal(TeacherKind.Dictionary, teachers[0].Kind);
        Assert.All(teachers.Skip(1), t => Assert.StartsWith("simulated:", t.Name));
        Assert.Equal(4, TeacherSets.SimulatedProfiles.Select(p => p.Seed).Distinct().Count());
    }

    [Fact]
    public void The_default_study_uses_only_real_teachers_that_never_see_gold()
    {
        var teachers = TeacherSets.Resolve(null);
        Assert.Equal(["dictionary", "mesh", "morphology", "abbreviation", "embedding"], teachers.Select(t => t.Name));
        Assert.DoesNotContain(teachers, t => t.Kind == TeacherKind.Simulated || t.Name.StartsWith("simulated", StringComparison.Ordinal));
        Assert.Null(new ReproduceOptions().TeachersFile);
        Assert.Equal("minilm", new ReproduceOptions().Checkpoint);
    }
}
