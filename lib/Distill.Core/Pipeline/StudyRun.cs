using System.Text.Json;
using Distill.Corpora;
using Distill.Reporting;
using Microsoft.Data.Analysis;

namespace Distill.Pipeline;

/// <summary>
/// A finished <c>distill reproduce</c> run opened for reading: its report rebuilt from the folder (no rescoring, no
/// retraining) and the files its stages left (<see cref="RunLayout"/>): the subset search's tables (<c>search/</c>), each
/// student's folder with its model card, the epoch log, and the saved test predictions. Notebooks show a run through this;
/// they never redo it.
/// </summary>
/// <param name="Run">The run folder's layout.</param>
/// <param name="Report">Scores, costs, paired tests and figures, rebuilt from the folder.</param>
public sealed record StudyRun(RunLayout Run, RunReportResult Report)
{
    public RunFolder Folder => Run.Folder;

    /// <summary>Where the notebooks keep the study they run when no <c>run_dir</c> is given: one run id for quick, one for full.</summary>
    public static string NotebookRunId(bool quick) => quick ? "notebook-study-quick" : "notebook-study";

    /// <summary>The settings of the notebooks' own study: <c>distill reproduce</c>'s defaults (quick or not) under <paramref name="resultsFolder"/>.</summary>
    public static ReproduceOptions NotebookOptions(bool quick, string resultsFolder) =>
        new(Quick: quick, RunId: NotebookRunId(quick), ResultsFolder: resultsFolder);

    /// <summary>Opens a finished run; one clear error when the folder is not one.</summary>
    public static async Task<StudyRun> OpenAsync(string runDirectory, CancellationToken cancellationToken = default)
    {
        var folder = new RunFolder(Path.GetFullPath(runDirectory));
        if (!File.Exists(folder.Manifest))
            throw new FileNotFoundException($"'{runDirectory}' is not a finished run: it has no manifest.json. Run distill reproduce first, or leave run_dir empty.", folder.Manifest);
        return new StudyRun(new RunLayout(folder), await RunReport.BuildAsync(folder, null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The run <paramref name="options"/> names (its results folder and run id) if it has finished, else null: notebooks
    /// that share a run id then do not redo it (delete the folder to recompute).
    /// </summary>
    public static async Task<StudyRun?> OpenFinishedAsync(ReproduceOptions options, CancellationToken cancellationToken = default) =>
        options.RunId is { } runId && ReproducePipeline.IsFinished(RunFolder.For(options.ResultsFolder, runId))
            ? await OpenAsync(RunFolder.For(options.ResultsFolder, runId).Root, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The subset search's folder: its tables, figures page and the distillation set.</summary>
    public string SearchFolder => Run.Search;

    /// <summary>
    /// One of the subset search's saved tables (<c>search/&lt;name&gt;.csv</c>): <c>subset-choices</c> (the choice per
    /// entity type), <c>subset-scores</c> (every subset × rule × type on dev) or <c>subset-pareto</c> (the cost/F1 frontier).
    /// </summary>
    public DataFrame SearchTable(string name)
    {
        RunFolder.CheckName(name, "table name");
        var path = Path.Combine(SearchFolder, name + ".csv");
        if (!File.Exists(path))
            throw new FileNotFoundException($"The run {Folder.RunId} has no search table {name}.csv in {SearchFolder}.", path);
        return TableRendering.FromCsv(File.ReadAllText(path));
    }

    /// <summary>The students' epoch log (<c>epochs.json</c>): train loss and dev F1 per epoch, per student; empty when none was kept.</summary>
    public IReadOnlyList<EpochRecord> Epochs() =>
        File.Exists(Folder.Epochs)
            ? JsonSerializer.Deserialize<List<EpochRecord>>(File.ReadAllText(Folder.Epochs), RunManifest.Json)
              ?? throw new InvalidDataException($"{Folder.Epochs} holds no epoch list.")
            : [];

    /// <summary>The student systems of this run (those with a folder), the distilled one first.</summary>
    public IReadOnlyList<string> Students =>
        new[] { StudySystemNames.DistilledStudent, StudySystemNames.GoldStudent }.Where(s => Directory.Exists(Run.Student(s))).ToArray();

    /// <summary>A student's folder (Hugging Face layout: weights, config, tokenizer, model card).</summary>
    public string StudentFolder(string system) => Run.Student(system);

    /// <summary>The student folder's model card (<c>README.md</c>, with the run's measured test scores).</summary>
    public string ModelCard(string system)
    {
        var path = Path.Combine(StudentFolder(system), "README.md");
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"The student {system} of run {Folder.RunId} has no model card ({path}).", path);
    }

    /// <summary>A system's saved predictions on the test notes (as the run's report scored them).</summary>
    public IReadOnlyList<Document> Predictions(string system) => JsonlCorpusReader.Read(Run.Predictions(system));

    /// <summary>The gold test notes the run was scored on.</summary>
    public IReadOnlyList<Document> Gold() => JsonlCorpusReader.Read(Folder.Gold);
}
