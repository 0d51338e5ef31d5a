using Distill.Aggregation;
using Distill.Corpora;
using Distill.Evaluation;
using Distill.IO;
using Distill.Reporting;
using Distill.Teachers;
using Distill.Teachers.Cache;
using Distill.Teachers.Running;
using Distill.Pipeline.Events;

namespace Distill.Pipeline;

/// <summary>Settings of the subset-search stage.</summary>
/// <param name="OutputDirectory">Where tables, plots and the training set go.</param>
/// <param name="CachePath">Teacher cache (SQLite).</param>
/// <param name="EntityTypes">Entity types to search (default: disease, the one the embedded corpus has).</param>
/// <param name="Offline">A teacher-cache miss is an error (reproduce from a shared cache with no API key).</param>
/// <param name="MaxConcurrency">Teacher calls in flight at once.</param>
/// <param name="PoolLimit">Label only the first N documents of the pool (quick runs).</param>
/// <param name="Plotly">Where the figures page gets plotly.js: inlined (null) or a shared copy (a run folder's).</param>
public sealed record SearchStageOptions(
    string OutputDirectory,
    string CachePath,
    IReadOnlyList<string>? EntityTypes = null,
    bool Offline = false,
    int MaxConcurrency = 4,
    int? PoolLimit = null,
    SubsetSearchOptions? Search = null,
    PlotlyReference? Plotly = null)
{
    public IReadOnlyList<string> ResolvedEntityTypes => EntityTypes ?? [Corpora.EntityTypes.Disease];
}

/// <summary>What the stage produced; <see cref="Resumed"/>: some teacher answers came from the cache.</summary>
public sealed record SearchStageResult(
    SubsetSearchResult Search,
    IReadOnlyList<TeacherCostProfile> Costs,
    string TrainingSetPath,
    string DevSetPath,
    TeacherRunSummary DevLabeling,
    TeacherRunSummary PoolLabeling,
    IReadOnlyList<string> Files)
{
    public bool Resumed => DevLabeling.FromCache + PoolLabeling.FromCache > 0;
}

/// <summary>
/// The reference study's teacher-selection step: every teacher labels the gold dev split; every subset is
/// scored under every combination rule; the chosen subset per entity type then labels the unlabeled pool
/// (only the chosen teachers are run on it, which is what makes the selection save money); the result is
/// written as the student's training set, with tables and plots.
/// </summary>
public static class SearchStage
{
    /// <summary>The stage's name in a run's stage log and its events.</summary>
    public const string Name = "search";

    /// <summary>The distillation set the student trains on (with its <c>.provenance.json</c>).</summary>
    public const string TrainingSetFileName = "train.jsonl";

    /// <summary>The gold dev documents the student is scored on per epoch.</summary>
    public const string DevSetFileName = "dev.jsonl";

    /// <summary>The stage in a study: the context's teachers, cache, types and settings; outputs in the run's <c>search/</c>.</summary>
    public static Task<SearchStageResult> RunAsync(StudyContext context, IReadOnlyList<Document> dev, IReadOnlyList<Document> pool, CancellationToken cancellationToken = default) =>
        RunAsync(dev, pool, context.Teachers, new SearchStageOptions(context.Run.Search, context.TeacherCachePath, context.EntityTypes, context.Offline,
            PoolLimit: context.Settings.PoolLimit, Search: context.SearchOptions, Plotly: context.Run.SharedPlotlyFromSubfolder), context.Progress, cancellationToken);

    public static async Task<SearchStageResult> RunAsync(
        IReadOnlyList<Document> dev,
        IReadOnlyList<Document> pool,
        IReadOnlyList<ITeacher> teachers,
        SearchStageOptions options,
        IProgress<StageEvent>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var types = options.ResolvedEntityTypes;
        if (options.PoolLimit is { } limit) pool = pool.Take(limit).ToArray();
        Directory.CreateDirectory(options.OutputDirectory);
        await using var cache = SqliteTeacherCache.Open(options.CachePath);
        var runner = new TeacherRunner(cache, new TeacherRunOptions { MaxConcurrency = options.MaxConcurrency, Offline = options.Offline });

        progress.Message(Name, $"Teachers on dev: {dev.Count} documents × {teachers.Count} teachers × {types.Count} entity types", StageMessageLevel.Emphasis);
        var devRun = await TeacherLabelingStage.RunAsync(runner, dev, teachers, types, "dev", Name, progress, cancellationToken).ConfigureAwait(false);
        var names = teachers.Select(t => t.Name).ToArray();
        var costs = TeacherLabelingStage.CostProfiles(devRun, names, types);
        var tables = types.Select(type => VoteTable.Build(type, dev, names, TeacherLabelingStage.SpansByTeacher(devRun, names, type), true, null, out _)
            .WithEligibleTeachers(teachers.Select(t => t.Supports(type)).ToArray())).ToArray();
        var search = SubsetSearch.Run(tables, costs, options.Search);

        var chosenTeachers = search.Choices.SelectMany(c => c.Chosen.Subset.Members()).Distinct().Order().Select(i => teachers[i]).ToArray();
        progress.Message(Name, $"Chosen teachers on the pool: {pool.Count} documents × {string.Join(", ", chosenTeachers.Select(t => t.Name))}", StageMessageLevel.Emphasis);
        var poolRun = await TeacherLabelingStage.RunAsync(runner, pool, chosenTeachers, types, "pool", Name, progress, cancellationToken).ConfigureAwait(false);
        // Teachers not chosen did not run on the pool; the builder only reads the chosen ones' votes.
        var poolSpans = names.Select(n => chosenTeachers.Any(t => t.Name == n)
            ? TeacherLabelingStage.SpansAllTypes(poolRun, n, types)
            : (IReadOnlyDictionary<string, IReadOnlyList<EntitySpan>>)new Dictionary<string, IReadOnlyList<EntitySpan>>()).ToArray();
        var examples = DistillationSetBuilder.Build(pool, names, poolSpans, search.Choices);

        var files = new List<string>();
        var trainPath = Path.Combine(options.OutputDirectory, TrainingSetFileName);
        await DistillationSetWriter.WriteAsync(trainPath, examples, Provenance(search, examples, names, types), cancellationToken).ConfigureAwait(false);
        files.Add(trainPath);
        files.Add(DistillationSetWriter.ProvenancePath(trainPath));
        var devPath = Path.Combine(options.OutputDirectory, DevSetFileName);
        await JsonlCorpusWriter.WriteAsync(devPath, dev, cancellationToken).ConfigureAwait(false);
        files.Add(devPath);
        files.AddRange(await WriteReportAsync(search, options.OutputDirectory, options.Plotly, cancellationToken).ConfigureAwait(false));
        return new SearchStageResult(search, costs, trainPath, devPath, devRun.Summary, poolRun.Summary, files);
    }

    /// <summary>
    /// Tables (CSV, Markdown) and one page of figures (<c>subset-search.html</c>: the F1 heat map and each type's Pareto
    /// plot) with one plotly.js, inlined unless <paramref name="plotly"/> names a shared copy.
    /// </summary>
    public static async Task<IReadOnlyList<string>> WriteReportAsync(SubsetSearchResult search, string directory, PlotlyReference? plotly = null,
        CancellationToken cancellationToken = default)
    {
        var files = new List<string>();
        foreach (var (name, frame) in new[]
                 {
                     ("subset-scores", SubsetSearchReport.Scores(search)),
                     ("subset-choices", SubsetSearchReport.Choices(search)),
                     ("subset-pareto", SubsetSearchReport.Pareto(search)),
                 })
        {
            var csv = Path.Combine(directory, name + ".csv");
            var md = Path.Combine(directory, name + ".md");
            await AtomicFile.WriteAllTextAsync(csv, TableRendering.ToCsv(frame), cancellationToken).ConfigureAwait(false);
            await AtomicFile.WriteAllTextAsync(md, TableRendering.ToMarkdown(frame), cancellationToken).ConfigureAwait(false);
            files.Add(csv);
            files.Add(md);
        }
        var subsets = search.Scores.Select(s => s.Teachers).Distinct().Count();
        var figures = new List<ReportFigure>
        {
            new("subset-f1-heatmap", "Dev token F1 of every teacher subset under its best combination rule, per entity type; best subsets on top.",
                Plots.Fit(SubsetSearchPlots.F1Heatmap(search), Math.Max(300, 120 + 22 * subsets))),
        };
        figures.AddRange(search.Choices.Select(c => new ReportFigure($"subset-pareto-{c.EntityType}",
            $"{c.EntityType}: dev F1 against teacher cost per note for every subset and rule; the line joins the subsets no other beats on both. Hover for names.",
            Plots.Fit(SubsetSearchPlots.Pareto(search, c.EntityType), 420))));
        var page = Path.Combine(directory, "subset-search.html");
        await AtomicFile.WriteAllTextAsync(page, ReportPage.FiguresPage("Teacher subset search",
            "Every subset of teachers, scored on the gold dev notes under every combination rule; the chosen subset per entity type labels the pool.",
            figures, plotly ?? PlotlyReference.Inline), cancellationToken).ConfigureAwait(false);
        files.Add(page);
        return files;
    }

    static DistillationProvenance Provenance(SubsetSearchResult search, IReadOnlyList<DistillationExample> examples, IReadOnlyList<string> teachers, IReadOnlyList<string> types) => new(
        DateTimeOffset.UtcNow,
        nameof(ClinicalWordTokenizer),
        teachers,
        search.Choices.Select(c => new DistillationChoiceProvenance(c.EntityType, c.Chosen.Teachers, c.Chosen.Rule.Name,
            c.Chosen.Precision, c.Chosen.Recall, c.Chosen.F1, c.Chosen.CostPerNote, c.Reason,
            c.Chosen.Rule.RefitsOnUnlabeled ? null : c.Probabilities)).ToArray(),
        examples.Count,
        examples.Sum(e => (long)e.Tokens.Count),
        types.ToDictionary(t => t, t => examples.Sum(e => e.Spans.Count(s => s.Type == t))),
        []);
}
