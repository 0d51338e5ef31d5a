using System.Text.Json;
using Distill.Corpora;
using Distill.Evaluation;
using Distill.IO;
using Microsoft.Data.Analysis;

namespace Distill.Reporting;

/// <summary>What a report build produced: the scores and the files written.</summary>
public sealed record RunReportResult(
    RunFolder Folder,
    IReadOnlyList<ScoreRow> Scores,
    IReadOnlyList<PairedTestRow> PairedTests,
    IReadOnlyList<CostComparisonRow> Costs,
    IReadOnlyList<string> CostSentences,
    IReadOnlyDictionary<string, int> ErrorCounts,
    IReadOnlyList<string> FilesWritten,
    int Documents,
    IReadOnlyList<string> Types,
    IReadOnlyList<ReportFigure> Figures);

/// <summary>
/// Builds every table, error export and plot of a run from what its folder holds (gold, saved predictions,
/// optional costs and epoch logs) and the settings in its manifest, so <c>distill report</c> reproduces
/// <c>distill evaluate</c>'s outputs without rescoring models.
/// </summary>
public static class RunReport
{
    /// <summary>
    /// Saves gold and the predictions into a new run folder, writes the manifest, builds the report, and
    /// stamps the manifest's end time.
    /// </summary>
    public static async Task<RunReportResult> CreateAsync(RunFolder folder, RunRequest request,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var (goldSpecification, predictions, settings) = (request.Gold, request.Predictions, request.Settings);
        if (predictions.Count == 0) throw new ArgumentException("No predictions to evaluate.");
        if (File.Exists(folder.Manifest) && !request.Reevaluate)
            throw new IOException($"Run '{folder.RunId}' already exists at {folder.Root}; choose another --run-id or delete it.");
        foreach (var dup in predictions.GroupBy(p => p.System).Where(g => g.Count() > 1))
            throw new ArgumentException($"System name '{dup.Key}' is given twice; name them with name=path.");

        progress?.Report($"reading gold {goldSpecification}");
        var goldPath = GoldSource.ResolvePath(goldSpecification);
        var gold = await GoldSource.LoadAsync(goldSpecification, cancellationToken);
        Directory.CreateDirectory(folder.Root);
        // A study writes its inputs where the run folder keeps them and is scored there; other inputs are copied in.
        if (!SamePath(goldPath, folder.Gold)) await JsonlCorpusWriter.WriteAsync(folder.Gold, gold, cancellationToken);

        var systems = new List<RunSystem>();
        foreach (var (system, path) in predictions)
        {
            progress?.Report($"reading predictions of {system}");
            var relative = RunFolder.PredictionsFileFor(system);
            var docs = await JsonlCorpusReader.ReadAsync(path, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
            DocumentPairing.Align(gold, docs, system); // fail now, before anything else is written
            if (!SamePath(path, Path.Combine(folder.Root, relative)))
                await JsonlCorpusWriter.WriteAsync(Path.Combine(folder.Root, relative), docs, cancellationToken);
            systems.Add(new RunSystem(system, relative, await FileHash.OfAsync(path, cancellationToken)));
        }
        foreach (var (source, target) in new[] { (request.CostsFile, folder.Costs), (request.EpochsFile, folder.Epochs) })
        {
            if (source is null) continue;
            if (!File.Exists(source)) throw new FileNotFoundException($"No file at '{source}'.", source);
            if (!SamePath(source, target)) File.Copy(source, target, overwrite: true);
        }
        var seeds = new Dictionary<string, int>(request.Seeds ?? new Dictionary<string, int>()) { ["bootstrap"] = settings.Bootstrap.Seed };

        var manifest = new RunManifest
        {
            RunId = folder.RunId,
            GitCommit = RunManifest.CurrentGitCommit(SafeRepositoryRoot()),
            Dataset = goldSpecification,
            DatasetFiles = [await FileHash.OfAsync(goldPath, cancellationToken)],
            Systems = systems,
            TeacherCacheKeys = request.TeacherCacheKeys ?? [],
            Evaluation = settings,
            Configuration = request.Configuration ?? new Dictionary<string, string>(),
            Seeds = seeds,
            Machine = MachineDescription.Current(),
            StartedAt = started,
        };
        await manifest.WriteAsync(folder.Manifest, cancellationToken);
        var result = await BuildAsync(folder, progress, cancellationToken);
        await (manifest with { FinishedAt = DateTimeOffset.UtcNow }).WriteAsync(folder.Manifest, cancellationToken);
        return result;
    }

    /// <summary>Rebuilds scores, tables, error exports and plots from the run folder.</summary>
    public static async Task<RunReportResult> BuildAsync(RunFolder folder, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var manifest = await RunManifest.ReadAsync(folder.Manifest, cancellationToken);
        var settings = manifest.Evaluation;
        if (manifest.Systems.Count == 0) throw new InvalidDataException($"{folder.Manifest}: the run lists no systems.");
        var gold = await JsonlCorpusReader.ReadAsync(folder.Gold, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        var types = settings.Types ?? DocumentPairing.GoldTypes(gold);
        var tokenized = new TokenLevelScorer().Prepare(gold, types);
        var written = new List<string>();

        var evaluations = new List<(SystemEvaluation Evaluation, IReadOnlyList<EntityError> Errors)>();
        foreach (var system in manifest.Systems)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"scoring {system.Name}");
            var predicted = await JsonlCorpusReader.ReadAsync(Path.Combine(folder.Root, system.PredictionsFile), cancellationToken: cancellationToken).ToListAsync(cancellationToken);
            var evaluation = SystemEvaluation.Evaluate(system.Name, gold, predicted, types, tokenized);
            var errors = ErrorAnalysis.Find(system.Name, gold, DocumentPairing.Align(gold, predicted, system.Name), types, settings.Errors);
            evaluations.Add((evaluation, errors));
        }

        progress?.Report($"bootstrap intervals ({settings.Bootstrap.Resamples} resamples)");
        var scores = evaluations.SelectMany(e => ResultTables.ScoreRows(e.Evaluation, settings.Bootstrap)).ToList();
        var reference = settings.ReferenceSystem ?? manifest.Systems[0].Name;
        if (manifest.Systems.All(s => s.Name != reference))
            throw new InvalidDataException($"Reference system '{reference}' is not among the run's systems ({string.Join(", ", manifest.Systems.Select(s => s.Name))}).");
        var referenceEvaluation = evaluations.Single(e => e.Evaluation.System == reference).Evaluation;
        var paired = new List<PairedTestRow>();
        foreach (var (evaluation, _) in evaluations.Where(e => e.Evaluation.System != reference))
            foreach (var mode in evaluation.Counts.Keys.Order())
                paired.Add(ResultTables.ToRow(Bootstrap.PairedTest(evaluation.System, evaluation.Counts[mode], reference,
                    referenceEvaluation.Counts[mode], ScoreSummary.MicroAverage, settings.Bootstrap)));

        progress?.Report("writing tables");
        await WriteJsonAsync(folder.Scores, scores, written, cancellationToken);
        foreach (var mode in scores.Select(s => s.Mode).Distinct())
            await WriteTableAsync(folder, $"system_by_type_{mode}", ResultTables.SystemByType(scores, mode), written, cancellationToken);
        await WriteTableAsync(folder, "scores", RecordTable.From(scores), written, cancellationToken);
        if (paired.Count > 0) await WriteTableAsync(folder, "paired_tests", RecordTable.From(paired), written, cancellationToken);

        var costs = new List<CostComparisonRow>();
        var sentences = new List<string>();
        if (File.Exists(folder.Costs))
        {
            var records = await ReadJsonAsync<List<SystemCost>>(folder.Costs, cancellationToken);
            if (records.Count == 0) throw new InvalidDataException($"{folder.Costs}: no cost records; expected at least one.");
            var costReference = records.Any(r => r.System == reference) ? reference : records[0].System;
            costs.AddRange(CostTable.Compare(records, costReference));
            sentences.AddRange(CostTable.Sentences(costs, costReference));
            await WriteTableAsync(folder, "costs", RecordTable.From(costs), written, cancellationToken);
        }

        progress?.Report("writing error analysis");
        var errorSummaries = new List<ErrorSummary>();
        foreach (var (evaluation, errors) in evaluations)
        {
            var csv = Path.Combine(folder.Errors, $"{evaluation.System}.csv");
            await AtomicFile.WriteAllTextAsync(csv, CsvFormat.Write(ErrorAnalysis.ToRows(errors)), cancellationToken);
            written.Add(csv);
            var groups = ResultTables.ErrorGroupRows(evaluation.System, ErrorAnalysis.GroupBySurface(errors)).Take(settings.TopErrorGroups).ToList();
            if (groups.Count > 0)
                await WriteTableAsync(folder, $"error_groups_{evaluation.System}", RecordTable.From(groups), written, cancellationToken);
            var byCause = ErrorAnalysis.CountByCause(errors).GroupBy(kv => kv.Key.Cause).ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value));
            errorSummaries.Add(new ErrorSummary(evaluation.System, byCause, groups));
        }

        IReadOnlyList<ReportFigure> figures = [];
        if (settings.WritePlots)
        {
            progress?.Report("drawing plots");
            figures = await FiguresAsync(folder, scores, costs, types, evaluations.Select(e => (e.Evaluation.System, e.Errors)).ToList(), cancellationToken);
        }

        var errorCounts = evaluations.ToDictionary(e => e.Evaluation.System, e => e.Errors.Count);
        written.Add(folder.Report);
        var result = new RunReportResult(folder, scores, paired, costs, sentences, errorCounts, written, gold.Count, types, figures);
        var page = ReportPage.Render(result, manifest, errorSummaries, figures, PlotlyReference.Inline, OtherFiles(folder));
        await AtomicFile.WriteAllTextAsync(folder.Report, page, cancellationToken);
        return result;
    }

    /// <summary>Pages beside the report that a reader may want next: the subset search and the executed notebooks.</summary>
    static IReadOnlyList<(string Label, string RelativePath)> OtherFiles(RunFolder folder)
    {
        var links = new List<(string, string)>();
        foreach (var directory in new[] { "search", "notebooks" })
        {
            var path = Path.Combine(folder.Root, directory);
            if (!Directory.Exists(path)) continue;
            foreach (var page in Directory.GetFiles(path, "*.html").Order(StringComparer.Ordinal))
                links.Add(($"{directory}/{Path.GetFileName(page)}", $"{directory}/{Path.GetFileName(page)}"));
        }
        links.Add(("tables/ (every table as Markdown, CSV and HTML)", "tables/"));
        links.Add(("manifest.json", "manifest.json"));
        return links;
    }

    // Kept apart so a run without plots never loads Plotly.NET (about a second of start-up on its own).
    static async Task<IReadOnlyList<ReportFigure>> FiguresAsync(RunFolder folder, IReadOnlyList<ScoreRow> scores, IReadOnlyList<CostComparisonRow> costs,
        IReadOnlyList<string> types, IReadOnlyList<(string System, IReadOnlyList<EntityError> Errors)> errorsBySystem, CancellationToken cancellationToken)
    {
        var figures = new List<ReportFigure>();
        foreach (var type in types.Count > 1 ? types.Append(ScoreSummary.MicroAverage) : types)
            figures.Add(new ReportFigure($"f1-{type}", $"Token-level F1 on {type} (bars, with the 95% bootstrap interval over notes) and entity-level strict F1 (diamonds), best system on top.",
                Plots.F1BySystem(scores, type)));
        var seconds = CostTable.Points(costs, scores, axis: CostAxis.Seconds);
        if (seconds.Count > 0)
            figures.Add(new ReportFigure("time-vs-f1", "Seconds per note on this machine (log scale) against token F1: up and to the left is better.",
                Plots.CostVersusF1(seconds, CostAxis.Seconds), Wide: false));
        var dollars = CostTable.Points(costs, scores);
        if (dollars.Count > 1)
            figures.Add(new ReportFigure("cost-vs-f1", "Dollars per note (log scale) against token F1; free systems (offline teachers) are left out of a log axis.",
                Plots.CostVersusF1(dollars), Wide: false));
        if (errorsBySystem.Count > 0)
            figures.Add(new ReportFigure("errors-by-cause", "Entity-level errors on the test notes by cause: missed mentions, spurious ones, wrong boundaries or wrong types.",
                Plots.ErrorsByCause(errorsBySystem), Wide: figures.Count(f => !f.Wide) % 2 == 0));
        if (File.Exists(folder.Epochs))
        {
            var epochs = await ReadJsonAsync<List<EpochRecord>>(folder.Epochs, cancellationToken);
            if (epochs.Count > 0)
                figures.Add(new ReportFigure("learning-train-loss", "Mean training loss per epoch of each student.", Plots.LearningCurves(epochs, LearningCurveValue.TrainLoss), Wide: false));
            if (epochs.Any(e => e.DevF1 is not null))
                figures.Add(new ReportFigure("learning-dev-f1", "Token F1 on the dev notes after each epoch; the best epoch is the one saved.", Plots.LearningCurves(epochs, LearningCurveValue.DevF1), Wide: false));
            if (epochs.Any(e => e.DevLoss is not null))
                figures.Add(new ReportFigure("learning-dev-loss", "Dev loss per epoch.", Plots.LearningCurves(epochs, LearningCurveValue.DevLoss), Wide: false));
        }
        return figures;
    }

    static async Task WriteTableAsync(RunFolder folder, string name, DataFrame frame, List<string> written, CancellationToken cancellationToken)
    {
        foreach (var (extension, text) in new[]
                 {
                     ("md", TableRendering.ToMarkdown(frame)),
                     ("csv", TableRendering.ToCsv(frame)),
                     ("html", TableRendering.ToHtmlPage(name, [(name, frame)])),
                 })
        {
            var path = Path.Combine(folder.Tables, $"{name}.{extension}");
            await AtomicFile.WriteAllTextAsync(path, text, cancellationToken);
            written.Add(path);
        }
    }

    static async Task WriteJsonAsync<T>(string path, T value, List<string> written, CancellationToken cancellationToken)
    {
        await AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(value, RunManifest.Json) + "\n", cancellationToken);
        written.Add(path);
    }

    static async Task<T> ReadJsonAsync<T>(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<T>(stream, RunManifest.Json, cancellationToken)
                ?? throw new InvalidDataException($"{path}: empty; expected {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: expected a JSON array of {typeof(T).GenericTypeArguments.FirstOrDefault()?.Name ?? typeof(T).Name} records in snake_case ({e.Message}).", e);
        }
    }

    static bool SamePath(string a, string b) => string.Equals(Path.GetFullPath(a), Path.GetFullPath(b), StringComparison.Ordinal);

    static string? SafeRepositoryRoot()
    {
        try { return Distill.Runtime.DistillPaths.Default.Home; }
        catch (DirectoryNotFoundException) { return null; }
    }
}
